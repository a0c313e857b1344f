//! Fault injection for the crash tests. When `TREATY_REGISTER_FAULT` names
//! a point, the process aborts there — no destructors, no cleanup, as if
//! it had been killed — so tests can stop a run exactly between two steps
//! of a write and check that nothing was lost. Unset, a point costs one
//! environment lookup.

pub const VAR: &str = "TREATY_REGISTER_FAULT";

pub fn point(name: &str) {
    if std::env::var_os(VAR).is_some_and(|v| v == name) {
        std::process::abort();
    }
}
