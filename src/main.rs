//! The `treaty-register` binary: everything lives in the library so that
//! integration tests and benchmarks exercise the same code.

// Loading a large register allocates many small strings on every core;
// mimalloc does that markedly faster than the system allocator
// (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    treaty_register::run(std::env::args_os())
}
