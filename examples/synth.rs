//! Generates a synthetic register project (see `treaty_register::edit::synth`).
//!
//! cargo run --release --example synth -- --count 10000 [--attachments 1G] [--actions 5] [--seed 1] DIR

use std::path::PathBuf;
use std::process::ExitCode;

use treaty_register::edit::synth;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (mut count, mut attachments, mut seed, mut dir) = (None, 0, 1, None::<PathBuf>);
    let mut actions = 0;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--count" => count = args.next().and_then(|v| v.parse::<usize>().ok()),
            "--attachments" => match args.next().and_then(|v| synth::parse_size(&v)) {
                Some(size) => attachments = size,
                None => return usage("--attachments takes a size such as 512M or 1G"),
            },
            "--actions" => match args.next().and_then(|v| v.parse().ok()) {
                Some(n) => actions = n,
                None => return usage("--actions takes a number of acts per instrument"),
            },
            "--seed" => match args.next().and_then(|v| v.parse().ok()) {
                Some(s) => seed = s,
                None => return usage("--seed takes a number"),
            },
            _ if dir.is_none() && !arg.starts_with("--") => dir = Some(PathBuf::from(arg)),
            _ => return usage(&format!("unexpected argument `{arg}`")),
        }
    }
    let (Some(count), Some(dir)) = (count, dir) else {
        return usage("--count N and the project folder are required");
    };
    match synth::generate_with_actions(&dir, count, attachments, seed, actions) {
        Ok(()) => {
            println!("wrote {count} instruments to {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("synth: {e}");
            ExitCode::from(2)
        }
    }
}

fn usage(why: &str) -> ExitCode {
    eprintln!(
        "synth: {why}\nusage: synth --count N [--attachments SIZE] [--actions N] [--seed S] DIR"
    );
    ExitCode::from(2)
}
