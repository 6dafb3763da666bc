//! The `bookshelf` crate (tests/fixtures/bookshelf.yaml) decodes and round-trips its example
//! bodies: keyword and renamed fields, maps, an inline union member, deprecated items.

// The fixture deliberately has a deprecated type, field and enum value.
#![allow(deprecated)]

use std::collections::BTreeMap;

use ::bookshelf::{Availability, Away, AwayReason, Book, BookFormat, BookObject, OnLoan, OnShelf, Page, ShelfLocation};
use e2e::{assert_error_names, assert_round_trip, encode, json, without};
use serde_json::json;

use crate::fixtures::{BOOK_ON_LOAN, BOOK_ON_SHELF, BOOKS_PAGE};

#[test]
fn book_on_shelf_round_trips_with_every_field() {
    let book: Book = assert_round_trip(BOOK_ON_SHELF);
    assert_eq!(book.id, "book_9780451524935");
    assert_eq!(book.object, BookObject::Book);
    assert_eq!(book.title, "Nineteen Eighty-Four");
    assert_eq!(book.subtitle.as_deref(), Some("A Novel"));
    assert_eq!(book.isbn13.as_deref(), Some("9780451524935"));
    assert_eq!(book.r#type, BookFormat::Paperback);
    assert!(book.self_.ends_with("/books/book_9780451524935"));
    assert_eq!(book.page_count, Some(328));
    assert_eq!(book.rating, Some(4.5));
    assert!(book.for_loan);
    assert_eq!(book.tags, vec!["dystopia".to_owned(), "classic".to_owned()]);
    let labels = book.labels.as_ref().expect("labels are present");
    assert_eq!(labels.get("condition").map(String::as_str), Some("worn spine"));
    assert_eq!(book.copies_by_branch, BTreeMap::from([("central".to_owned(), 3), ("riverside".to_owned(), 1)]));
    assert_eq!(book.availability, Availability::OnShelf(OnShelf { shelf_id: "shelf_fic_o".to_owned(), position: 12 }));
    assert_eq!(book.location, Some(ShelfLocation { aisle: "F".to_owned(), slot: 14 }));
}

#[test]
fn book_on_loan_round_trips_with_optional_fields_absent() {
    let book: Book = assert_round_trip(BOOK_ON_LOAN);
    assert_eq!(book.r#type, BookFormat::Audiobook);
    assert_eq!(book.subtitle, None);
    assert_eq!(book.page_count, None);
    assert_eq!(book.isbn13, None);
    assert_eq!(book.rating, None);
    assert_eq!(book.labels, None);
    assert_eq!(book.location, None);
    assert!(book.tags.is_empty());
    assert!(book.copies_by_branch.is_empty());
    assert_eq!(book.availability, Availability::OnLoan(OnLoan { due_at: 1767225600.into(), renewals: 1 }));
}

#[test]
fn books_page_round_trips() {
    let page: Page<Book> = assert_round_trip(BOOKS_PAGE);
    assert!(page.has_next);
    assert_eq!(page.total, Some(42));
    assert_eq!(page.items.len(), 2);
    let [ebook, pamphlet] = page.items.as_slice() else {
        panic!("expected two books, got {:?}", page.items);
    };
    assert_eq!(ebook.r#type, BookFormat::Ebook);
    assert_eq!(ebook.rating, Some(4.75));
    assert_eq!(ebook.labels, None);
    assert_eq!(pamphlet.r#type, BookFormat::Pamphlet);
    let original = json(BOOKS_PAGE);
    assert_eq!(pamphlet.availability, Availability::Unknown(original["items"][1]["availability"].clone()));
}

#[test]
fn required_and_nullable_fields_are_checked() {
    let book = json(BOOK_ON_LOAN);
    assert_error_names::<Book>(&without(&book, "", "self"), "self");
    assert_error_names::<Book>(&without(&book, "", "type"), "type");
    assert_error_names::<Book>(&without(&book, "", "subtitle"), "subtitle");
    assert_error_names::<Book>(&without(&book, "", "page_count"), "page_count");
    assert_error_names::<Book>(&without(&book, "/availability", "due_at"), "due_at");
    assert_error_names::<Page<Book>>(&without(&json(BOOKS_PAGE), "", "has_next"), "has_next");
}

#[test]
fn renamed_and_keyword_fields_use_their_wire_names() {
    let mut book: Book = assert_round_trip(BOOK_ON_LOAN);
    book.isbn13 = Some("9780141036144".to_owned());
    book.r#type = BookFormat::Ebook;
    book.self_ = "https://bookshelf.example.com/api/x".to_owned();
    let encoded = encode(&book);
    assert_eq!(encoded["ISBN-13"], json!("9780141036144"));
    assert_eq!(encoded["type"], json!("e-book"));
    assert_eq!(encoded["self"], json!("https://bookshelf.example.com/api/x"));
    let object = encoded.as_object().expect("a book encodes as an object");
    for rust_name in ["isbn13", "isbn_13", "r#type", "self_"] {
        assert!(!object.contains_key(rust_name), "`{rust_name}` leaked onto the wire");
    }
}

#[test]
fn enums_and_members_encode_their_wire_values() {
    assert_eq!(encode(&BookFormat::Pamphlet), json!("pamphlet"));
    assert_eq!(encode(&BookFormat::Unknown("scroll".to_owned())), json!("scroll"));
    assert_eq!(BookObject::default(), BookObject::Book);
    assert_eq!(
        encode(&Availability::OnLoan(OnLoan { due_at: 1.into(), renewals: 0 })),
        json!({"status": "on_loan", "due_at": 1, "renewals": 0})
    );
    assert_eq!(
        encode(&Availability::OnShelf(OnShelf { shelf_id: "s".to_owned(), position: 2 })),
        json!({"status": "on_shelf", "shelf_id": "s", "position": 2})
    );
}

/// `Away` is listed under two tag values (its `status` is an enum of both): one variant,
/// whose struct remembers which value was sent and sends it back.
#[test]
fn a_member_under_several_tag_values_keeps_the_value_sent() {
    for reason in ["in_transit", "at_bindery"] {
        let sent = json!({"back_on": "2027-01-05", "status": reason});
        let availability: Availability = assert_round_trip(&sent.to_string());
        let Availability::Away(away) = &availability else {
            panic!("`{reason}` should select `Away`, got {availability:?}");
        };
        assert_eq!(away.status.as_str(), reason);
        assert_eq!(away.back_on.as_deref(), Some("2027-01-05"));
        assert_eq!(availability.tag(), Some(reason));
    }
    let built = Availability::Away(Away { status: AwayReason::AtBindery, back_on: None });
    assert_eq!(encode(&built), json!({"status": "at_bindery"}));
    assert_eq!(built.tag(), Some("at_bindery"));
    // A value neither the union nor the member's enum knows stays the union's `Unknown`.
    let other: Availability = assert_round_trip(r#"{"status": "in_quarantine", "back_on": "soon"}"#);
    assert!(matches!(other, Availability::Unknown(_)), "got {other:?}");
    assert_eq!(other.tag(), Some("in_quarantine"));
}
