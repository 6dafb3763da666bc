//! The JSON bodies under `tests/fixtures/`, embedded at compile time (paths are relative to
//! this file). `official/` holds OpenAI's examples verbatim (see its README.md); `run_steps/`
//! and `bookshelf/` are hand-built.

/// `listRunSteps` response example (official).
pub const OFFICIAL_LIST_RUN_STEPS: &str = include_str!("../fixtures/official/list_run_steps.json");
/// `getRunStep` response example (official).
pub const OFFICIAL_GET_RUN_STEP: &str = include_str!("../fixtures/official/get_run_step.json");
/// "The run step object" example (official).
pub const OFFICIAL_RUN_STEP_OBJECT: &str = include_str!("../fixtures/official/run_step_object.json");

/// A completed message-creation step with metadata.
pub const MESSAGE_CREATION: &str = include_str!("../fixtures/run_steps/message_creation.json");
/// An in-progress code interpreter call with a `logs` and an `image` output.
pub const CODE_INTERPRETER: &str = include_str!("../fixtures/run_steps/code_interpreter.json");
/// Two file search calls: one with ranking options and results (with content), one empty.
pub const FILE_SEARCH: &str = include_str!("../fixtures/run_steps/file_search.json");
/// A failed step with two function calls: output `null` and output a string.
pub const FUNCTION: &str = include_str!("../fixtures/run_steps/function.json");
/// Unknown `type`, `status`, `step_details` member and `last_error.code`.
pub const UNKNOWN_STEP_DETAILS: &str = include_str!("../fixtures/run_steps/unknown_step_details.json");
/// Unknown tool call type, code interpreter output type and ranker.
pub const UNKNOWN_MEMBERS: &str = include_str!("../fixtures/run_steps/unknown_members.json");
/// An empty page: `first_id` and `last_id` are `null`.
pub const EMPTY_PAGE: &str = include_str!("../fixtures/run_steps/empty_page.json");

/// Every hand-built run step that uses only known values.
pub const KNOWN_RUN_STEPS: [(&str, &str); 4] = [
    ("message_creation.json", MESSAGE_CREATION),
    ("code_interpreter.json", CODE_INTERPRETER),
    ("file_search.json", FILE_SEARCH),
    ("function.json", FUNCTION),
];

/// A book on its shelf, with every optional field present.
pub const BOOK_ON_SHELF: &str = include_str!("../fixtures/bookshelf/book_on_shelf.json");
/// A book on loan (inline union member), optional fields absent, nullable fields `null`.
pub const BOOK_ON_LOAN: &str = include_str!("../fixtures/bookshelf/book_on_loan.json");
/// A page of two books: an `e-book`, and a deprecated `pamphlet` with unknown availability.
pub const BOOKS_PAGE: &str = include_str!("../fixtures/bookshelf/books_page.json");

/// A magazine (an object extending `Catalogued`): editors as a list, a named loan period.
pub const MAGAZINE: &str = include_str!("../fixtures/bookshelf/magazine.json");
/// Library events (tagged by `event`): holdings as an ID, a magazine (through a union tagged
/// by `object`), an unknown object, an array and `null`; notes by role, one unknown; editors
/// and loan days of kinds no member takes; an unknown event.
pub const LIBRARY_EVENTS: &str = include_str!("../fixtures/bookshelf/library_events.json");
