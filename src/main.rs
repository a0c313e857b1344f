//! The `treaty-register` binary: everything lives in the library so that
//! integration tests and benchmarks exercise the same code.

fn main() -> std::process::ExitCode {
    treaty_register::run(std::env::args_os())
}
