//! Lists every step of a run, following the pages, one line per step: id, type, status.
//!
//! ```text
//! cargo run -p openai-run-steps --example list_run_steps -- <thread_id> <run_id> [--base-url URL]
//! ```
//!
//! The API key comes from `OPENAI_API_KEY`; the base URL from `--base-url`, else from
//! `OPENAI_BASE_URL`, else it is `https://api.openai.com/v1`. Errors go to stderr, with exit
//! code 1.
//!
//! Against a local mock server instead of the real API: serve a page of steps (any JSON file
//! of the listing's shape, e.g. `tests/fixtures/official/list_run_steps.json`) at the
//! listing's path, and point the example at it:
//!
//! ```text
//! mkdir -p /tmp/mock/v1/threads/thread_abc/runs/run_abc
//! cp tests/fixtures/official/list_run_steps.json /tmp/mock/v1/threads/thread_abc/runs/run_abc/steps
//! python3 -m http.server 8080 --bind 127.0.0.1 --directory /tmp/mock &
//! OPENAI_API_KEY=sk-test cargo run -p openai-run-steps --example list_run_steps -- \
//!     thread_abc run_abc --base-url http://127.0.0.1:8080/v1
//! ```

// The Assistants API, and so its operations, are deprecated upstream.
#![allow(deprecated)]

use std::process::ExitCode;

use futures_util::StreamExt;
use openai_run_steps::client::Client;

const USAGE: &str = "usage: list_run_steps <thread_id> <run_id> [--base-url URL]";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("list_run_steps: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|arg| arg == "-h" || arg == "--help") {
        println!("{USAGE}");
        return Ok(());
    }
    let (thread_id, run_id, base_url) = parse_args(args)?;
    let mut builder = Client::builder();
    if let Some(url) = base_url {
        builder = builder.base_url(url);
    }
    let client = builder.build().map_err(|e| e.to_string())?;

    let mut steps = client.list_run_steps(thread_id, run_id).items();
    while let Some(step) = steps.next().await {
        let step = step.map_err(|e| e.to_string())?;
        println!("{}\t{}\t{}", step.id, step.r#type, step.status);
    }
    Ok(())
}

/// `<thread_id> <run_id> [--base-url URL]`, the option anywhere.
fn parse_args(args: Vec<String>) -> Result<(String, String, Option<String>), String> {
    let mut ids = Vec::new();
    let mut base_url = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--base-url" => base_url = Some(args.next().ok_or(format!("--base-url needs a value\n{USAGE}"))?),
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`\n{USAGE}")),
            _ => ids.push(arg),
        }
    }
    match <[String; 2]>::try_from(ids) {
        Ok([thread_id, run_id]) => Ok((thread_id, run_id, base_url)),
        Err(_) => Err(USAGE.to_owned()),
    }
}
