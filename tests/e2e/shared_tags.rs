//! A tag value several members share (`remark` in bookshelf's `MarginNote`), told apart by
//! `author` and tried in the spec's order, and the member objects without the tag decode as
//! (`QuickNote`): each decodes to the member the spec means, and encodes back as it came.

use ::bookshelf::{
    EditorRemark, EditorRemarkAuthor, MarginNote, QuickNote, QuickNoteAuthor, QuickNoteKind, ReaderRemark, ReaderRole,
};
use e2e::{assert_round_trip, assert_same_json, decode_error, encode, json};

#[test]
fn the_second_field_picks_the_member() {
    let reader: MarginNote =
        assert_round_trip(r#"{"kind": "remark", "author": "reviewer", "text": "Dull.", "page": 3}"#);
    assert_eq!(
        reader,
        MarginNote::ReaderRemark(ReaderRemark { author: ReaderRole::Reviewer, text: "Dull.".into(), page: 3 })
    );
    // `text` and `kind` after the field that decides, `author` last: key order does not matter.
    let editor: MarginNote =
        assert_round_trip(r#"{"approved": true, "text": "Cut this.", "kind": "remark", "author": "editor"}"#);
    assert_eq!(
        editor,
        MarginNote::EditorRemark(EditorRemark {
            author: EditorRemarkAuthor::Editor,
            text: "Cut this.".into(),
            approved: true
        })
    );
}

#[test]
fn a_member_that_does_not_decode_gives_way_to_the_next() {
    // A reader's remark needs `page`; without it the quick note (any author) takes it, and
    // keeps the tag it was sent with.
    let note: MarginNote = assert_round_trip(r#"{"kind": "remark", "author": "reader", "text": "Nice."}"#);
    assert_eq!(
        note,
        MarginNote::QuickNote(QuickNote {
            kind: Some(QuickNoteKind::Remark),
            author: QuickNoteAuthor::Reader,
            text: "Nice.".into()
        })
    );
}

#[test]
fn an_object_without_the_tag_is_the_untagged_member() {
    let note: MarginNote = assert_round_trip(r#"{"author": "editor", "text": "See p. 4."}"#);
    assert_eq!(
        note,
        MarginNote::QuickNote(QuickNote { kind: None, author: QuickNoteAuthor::Editor, text: "See p. 4.".into() })
    );
    assert_eq!(note.tag(), Some("remark"));
    // Without the tag and without the untagged member's fields: that member's error.
    let error = decode_error::<MarginNote>(r#"{"page": 4}"#);
    assert!(error.contains("missing field `author`"), "{error}");
}

#[test]
fn a_value_of_the_second_field_no_member_has_is_kept_as_unknown() {
    let text = r#"{"kind": "remark", "author": "translator", "text": "Sic."}"#;
    let note: MarginNote = assert_round_trip(text);
    assert_eq!(note, MarginNote::Unknown(json(text)));
    // No `author` at all: no member is chosen either.
    let bare: MarginNote = assert_round_trip(r#"{"kind": "remark", "text": "?"}"#);
    assert!(matches!(bare, MarginNote::Unknown(_)), "{bare:?}");
}

#[test]
fn when_every_chosen_member_fails_the_first_ones_error_is_reported() {
    // `reviewer` selects ReaderRemark, then QuickNote: neither has its `text`.
    let error = decode_error::<MarginNote>(r#"{"kind": "remark", "author": "reviewer", "page": 2}"#);
    assert!(error.contains("missing field `text`"), "{error}");
    // The tag is still read once only.
    let twice = decode_error::<MarginNote>(r#"{"kind": "remark", "author": "editor", "kind": "remark"}"#);
    assert!(twice.contains("duplicate field `kind`"), "{twice}");
}

#[test]
fn built_members_encode_their_tag() {
    let editor = MarginNote::EditorRemark(EditorRemark {
        author: EditorRemarkAuthor::Editor,
        text: "Cut.".into(),
        approved: false,
    });
    assert_same_json(
        &encode(&editor),
        &json(r#"{"kind": "remark", "author": "editor", "text": "Cut.", "approved": false}"#),
    );
    // The untagged member writes its tag only when it has one, as the official SDKs send
    // what they are given.
    let quick = MarginNote::QuickNote(QuickNote { kind: None, author: QuickNoteAuthor::Reader, text: "Hm.".into() });
    assert_same_json(&encode(&quick), &json(r#"{"author": "reader", "text": "Hm."}"#));
}

/// OpenAI's Responses API: a message written as the SDKs' examples write it (no `type`) is an
/// `EasyInputMessage`, sent back without `type`; a stored item list tells a user's message
/// from the assistant's by `role`.
mod openai_items {
    use e2e::{assert_round_trip, encode, json};
    use openai::{
        EasyInputMessage, EasyInputMessageContent, EasyInputMessageRole, EasyInputMessageType, InputItem, ItemResource,
    };

    #[test]
    fn a_message_without_type_is_an_easy_input_message_and_stays_without_it() {
        let item: InputItem = assert_round_trip(r#"{"role": "user", "content": "Hi"}"#);
        let InputItem::Message(message) = &item else { panic!("{item:?}") };
        assert_eq!(message.role, EasyInputMessageRole::User);
        assert_eq!(message.content, EasyInputMessageContent::String("Hi".into()));
        assert_eq!(message.r#type, None);
        let typed: InputItem = assert_round_trip(r#"{"type": "message", "role": "developer", "content": "Be brief."}"#);
        assert!(
            matches!(&typed, InputItem::Message(m) if m.r#type == Some(EasyInputMessageType::Message)),
            "{typed:?}"
        );
    }

    #[test]
    fn a_built_message_sends_what_it_was_given() {
        let message = EasyInputMessage {
            role: EasyInputMessageRole::User,
            content: EasyInputMessageContent::String("Hi".into()),
            phase: None,
            r#type: None,
        };
        assert_eq!(encode(&InputItem::Message(message)), json(r#"{"role": "user", "content": "Hi"}"#));
    }

    #[test]
    fn stored_items_are_told_apart_by_role() {
        let user: ItemResource = assert_round_trip(
            r#"{"id": "msg_1", "type": "message", "role": "user", "status": "completed",
                "content": [{"type": "input_text", "text": "Hi"}]}"#,
        );
        assert!(matches!(user, ItemResource::InputMessageResource(_)), "{user:?}");
        let assistant: ItemResource = assert_round_trip(
            r#"{"id": "msg_2", "type": "message", "role": "assistant", "status": "completed",
                "content": [{"type": "output_text", "text": "Hello", "annotations": [], "logprobs": []}]}"#,
        );
        assert!(matches!(assistant, ItemResource::OutputMessage(_)), "{assistant:?}");
        // A role added later: the item is kept whole.
        let later: ItemResource =
            assert_round_trip(r#"{"id": "msg_3", "type": "message", "role": "critic", "content": []}"#);
        assert!(matches!(later, ItemResource::Unknown(_)), "{later:?}");
    }
}
