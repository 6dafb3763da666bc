//! The whole generator on arbitrary text: `codegen::generate` must never panic, every
//! rejection must be a spec error that names the file, every generated file must parse as
//! Rust, and the same text must give the same result twice (files byte for byte, errors
//! word for word).
#![no_main]

use libfuzzer_sys::fuzz_target;

const SPEC: &str = "fuzz.yaml";

fuzz_target!(|data: &[u8]| {
    // Specs are read with `read_to_string`: text that is not UTF-8 never reaches the generator.
    let Ok(source) = std::str::from_utf8(data) else { return };
    let first = codegen::generate(&codegen::Target::new(SPEC, "fuzz"), source);
    match &first {
        Ok(files) => {
            assert!(!files.is_empty(), "a spec that generates gives files");
            // What is written to disk must still be Rust: rendering (prettyplease, the doc
            // comments, the headers) comes after the emitter's own parse of its tokens.
            for file in files.iter().filter(|f| f.path.ends_with(".rs")) {
                if let Err(error) = syn::parse_file(&file.contents) {
                    panic!("{} does not parse as Rust: {error}\n{}", file.path, file.contents);
                }
            }
        }
        Err(codegen::Error::Spec(error)) => {
            let message = error.to_string();
            assert!(!message.trim().is_empty(), "a spec error has a message");
            assert!(message.contains(SPEC), "a spec error names the spec file:\n{message}");
        }
        // `Internal` means the spec passed validation and a later stage failed: a generator bug.
        Err(other) => panic!("not a spec error:\n{other}"),
    }
    let second = codegen::generate(&codegen::Target::new(SPEC, "fuzz"), source);
    match (&first, &second) {
        (Ok(a), Ok(b)) => assert!(a == b, "the same spec gave different files"),
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "the same spec gave different errors"),
        _ => panic!("the same spec generated once and failed once"),
    }
});
