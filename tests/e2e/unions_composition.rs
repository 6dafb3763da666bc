//! Unions by JSON kind, union members shared by several unions or used on their own, tags in
//! fields other than `type`, and objects extending others, in the `bookshelf` crate
//! (tests/fixtures/bookshelf.yaml, block `unions and composition`).

use ::bookshelf::{
    CatalogueEntry, Editors, Holding, LibrarianNote, LibraryEvent, LoanDays, LoanPeriod, LoanStarted, Magazine,
    MagazineAdded, MagazineObject, Map, Note, Periodical, ReaderNote,
};
use e2e::{assert_round_trip, decode, decode_error, encode, json};
use serde_json::json;

use crate::fixtures::{LIBRARY_EVENTS, MAGAZINE};

fn magazine() -> Magazine {
    Magazine {
        id: "mag_wired_2026_03".to_owned(),
        added_at: 1772323200,
        object: MagazineObject::Magazine,
        issue: 3,
        editors: Editors::Array(vec!["Katie Drummond".to_owned(), "Gideon Lichfield".to_owned()]),
        loan_days: LoanDays::String(LoanPeriod::Extended),
    }
}

/// `Magazine` extends `Catalogued`: one flat struct, the base's fields first, and it encodes
/// byte for byte what it decoded.
#[test]
fn an_extending_object_is_one_flat_struct_that_encodes_byte_for_byte() {
    let decoded: Magazine = assert_round_trip(MAGAZINE);
    assert_eq!(decoded, magazine());
    let compact = r#"{"id":"m","added_at":1,"object":"magazine","issue":2,"editors":"E","loan_days":30}"#;
    let model: Magazine = decode(compact);
    assert_eq!(model.editors, Editors::String("E".to_owned()));
    assert_eq!(model.loan_days, LoanDays::Integer(30));
    assert_eq!(serde_json::to_string(&model).ok().as_deref(), Some(compact));
    // A base's required field is required in the extending object too.
    let error = decode_error::<Magazine>(r#"{"id":"m","object":"magazine","issue":2,"editors":"E","loan_days":1}"#);
    assert!(error.contains("missing field `added_at`"), "{error}");
}

/// Every event of the feed decodes to what it says, and the whole feed encodes back equal.
#[test]
fn library_events_decode_by_event_role_object_and_kind() {
    let events: Vec<LibraryEvent> = assert_round_trip(LIBRARY_EVENTS);
    let [first, second, third, fourth, fifth, sixth, seventh, eighth] = events.as_slice() else {
        panic!("eight events, got {events:?}");
    };
    let reader = Note::Reader(ReaderNote { text: "For the book club.".to_owned(), stars: None });
    assert_eq!(
        first,
        &LibraryEvent::LoanStarted(LoanStarted {
            holding: Holding::String("book_9780451524935".to_owned()),
            reader_note: Some(reader),
        })
    );
    // An object holding: the kind union hands it to `CatalogueEntry`, which reads `object`;
    // `Magazine` keeps its `object` field (it is shared), so it has it whatever the order.
    let LibraryEvent::LoanStarted(LoanStarted {
        holding: Holding::Object(CatalogueEntry::Magazine(held)),
        reader_note,
    }) = second
    else {
        panic!("a magazine holding, got {second:?}");
    };
    assert_eq!(held.object, MagazineObject::Magazine);
    assert_eq!(
        (held.editors.clone(), held.loan_days.clone()),
        (Editors::String("Katie Drummond".to_owned()), LoanDays::Integer(14))
    );
    let librarian = LibrarianNote { text: "Shelved behind the desk.".to_owned(), staff_id: "staff_17".to_owned() };
    assert_eq!(reader_note, &Some(Note::Librarian(librarian)));
    let LibraryEvent::MagazineAdded(MagazineAdded { magazine }) = third else { panic!("magazine.added: {third:?}") };
    assert_eq!(
        (magazine.editors.clone(), magazine.loan_days.clone()),
        (Editors::Array(Vec::new()), LoanDays::String(LoanPeriod::Standard))
    );
    // Unknown members and kinds are kept as sent.
    let unknown_entry = json(r#"{"object":"globe","id":"globe_1890","diameter_cm":40}"#);
    assert!(
        matches!(fourth, LibraryEvent::LoanStarted(LoanStarted { holding: Holding::Object(CatalogueEntry::Unknown(raw)), .. }) if *raw == unknown_entry)
    );
    let LibraryEvent::LoanStarted(LoanStarted {
        holding: Holding::Unknown(list),
        reader_note: Some(Note::Unknown(note)),
    }) = fifth
    else {
        panic!("an array holding and an unknown note, got {fifth:?}");
    };
    assert_eq!(list, &json!(["book_1", "book_2"]));
    assert_eq!(note["role"], "visitor");
    assert!(matches!(
        sixth,
        LibraryEvent::LoanStarted(LoanStarted { holding: Holding::Unknown(serde_json::Value::Null), .. })
    ));
    let LibraryEvent::MagazineAdded(MagazineAdded { magazine }) = seventh else {
        panic!("magazine.added: {seventh:?}")
    };
    assert_eq!(magazine.editors, Editors::Unknown(json!({"chief": "A. Editor"})));
    assert_eq!(magazine.loan_days, LoanDays::Unknown(json!(7.5)));
    assert!(matches!(eighth, LibraryEvent::Unknown(raw) if raw["event"] == "shelf.moved"));
}

/// A member shared by two unions (and used on its own) decodes the same through each, and
/// encodes its own tag wherever it stands.
#[test]
fn a_shared_member_is_the_same_in_every_union_and_on_its_own() {
    let alone: Magazine = decode(MAGAZINE);
    let entry: CatalogueEntry = decode(MAGAZINE);
    let periodical: Periodical = decode(MAGAZINE);
    assert_eq!(entry, CatalogueEntry::Magazine(alone.clone()));
    assert_eq!(periodical, Periodical::Magazine(alone.clone()));
    for encoded in [encode(&alone), encode(&entry), encode(&periodical)] {
        assert_eq!(encoded, json(MAGAZINE));
    }
    // `Map`, a member of this union only, has no `object` field: the union writes it.
    let map = Map { id: "map_1".to_owned(), sheets: 2 };
    assert_eq!(encode(&CatalogueEntry::Map(map.clone())), json!({"object": "map", "id": "map_1", "sheets": 2}));
    assert_eq!(encode(&map), json!({"id": "map_1", "sheets": 2}));
    // The tag is the union's to read: a magazine whose `object` says `map` is a map, and fails as one.
    let error = decode_error::<CatalogueEntry>(&MAGAZINE.replace("\"magazine\"", "\"map\""));
    assert!(error.contains("missing field `sheets`"), "{error}");
}

/// A shared member encodes exactly what it decoded, on its own and through a union: its tag
/// where it stood among the struct's fields, and a tag value it does not know, kept.
#[test]
fn a_shared_member_keeps_its_tag_byte_for_byte() {
    let compact = r#"{"id":"m","added_at":1,"object":"magazine","issue":2,"editors":"E","loan_days":"standard"}"#;
    let through_union: Periodical = decode(compact);
    assert_eq!(serde_json::to_string(&through_union).ok().as_deref(), Some(compact));
    let renamed = compact.replace(r#""magazine""#, r#""magazine.v2""#);
    let alone: Magazine = decode(&renamed);
    assert_eq!(alone.object, MagazineObject::Unknown("magazine.v2".to_owned()));
    assert_eq!(serde_json::to_string(&alone).ok(), Some(renamed.clone()));
    // Through the union, that tag is an unknown member, kept whole.
    assert_eq!(decode::<Periodical>(&renamed), Periodical::Unknown(json(&renamed)));
}

/// A kind union looks at the value's kind once: a value of a listed kind that its member
/// rejects is an error, never another member.
#[test]
fn a_value_its_member_rejects_is_an_error_not_another_member() {
    let error = decode_error::<Editors>(r#"["Ann", 7]"#);
    assert!(error.contains("invalid type: integer `7`, expected a string"), "{error}");
    let error = decode_error::<Holding>(r#"{"object":"magazine","id":"m"}"#);
    assert!(error.contains("missing field `added_at`"), "{error}");
    // A string enum member is open: any string is kept.
    assert_eq!(decode::<LoanDays>(r#""semester""#), LoanDays::String(LoanPeriod::Unknown("semester".to_owned())));
    assert_eq!(encode(&LoanDays::String(LoanPeriod::Unknown("semester".to_owned()))), json!("semester"));
    // Integers that fit neither `i64` nor a listed kind's member are errors, as in any integer field.
    assert!(decode_error::<LoanDays>("18446744073709551615").contains("invalid value"));
}
