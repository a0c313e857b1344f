//! `register/allowed_signers`: who may sign editions, in OpenSSH's own
//! format, so that an auditor checks a signature with `ssh-keygen -Y verify`
//! and this file alone.
//!
//! Each line is `PRINCIPALS [OPTIONS] KEYTYPE BASE64 [COMMENT]`:
//! principals separated by commas (`*` and `?` patterns allowed), options
//! `namespaces="…"`, `valid-after="YYYYMMDD[HHMM[SS]][Z]"`,
//! `valid-before="…"` and `cert-authority` (certificates are not used here;
//! such lines are skipped). Blank lines and `#` comments are ignored, as
//! ssh-keygen does (see `ssh-keygen(1)`, ALLOWED SIGNERS).

use std::path::Path;

use ssh_key::PublicKey;

use crate::register::date::PartialDate;
use crate::register::diagnostic::{Diagnostic, Span};

/// The project path of the file.
pub const FILE: &str = "register/allowed_signers";

/// The namespace editions are signed in.
pub const NAMESPACE: &str = "treaty-register";

/// One line of the file.
#[derive(Debug, Clone)]
pub struct Signer {
    pub line: usize,
    pub principals: Vec<String>,
    pub namespaces: Option<Vec<String>>,
    /// Seconds since 1970 (UTC); the key is valid from then on.
    pub valid_after: Option<i64>,
    /// Seconds since 1970 (UTC); the key is valid until before then.
    pub valid_before: Option<i64>,
    pub key: PublicKey,
}

/// Why a key may not sign as a principal on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No line of the file lists the key (for the principal, if given).
    NotListed,
    /// Listed, but not for the `treaty-register` namespace.
    OtherNamespace(usize),
    /// Listed, but the date is outside the key's validity.
    OutsideValidity { line: usize, why: String },
    /// Listed only under patterns (`*@mfa.example`), which name no one:
    /// signing "as" a pattern would print it as the signer.
    OnlyPatterns { line: usize, patterns: String },
    /// The principal asked for is itself a pattern.
    PatternPrincipal(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::NotListed => write!(f, "the key is not listed in {FILE}"),
            Refusal::OtherNamespace(line) => write!(
                f,
                "{FILE}:{line} lists the key, but not for the namespace `{NAMESPACE}`"
            ),
            Refusal::OutsideValidity { line, why } => write!(f, "{FILE}:{line}: {why}"),
            Refusal::OnlyPatterns { line, patterns } => write!(
                f,
                "{FILE}:{line} lists the key only under the patterns `{patterns}`, which name no \
                 one signer"
            ),
            Refusal::PatternPrincipal(p) => write!(
                f,
                "`{p}` is a pattern, not a principal: a signer is named by one address"
            ),
        }
    }
}

/// Largest `allowed_signers` read: a line is about a hundred bytes, so
/// room for hundreds of keys; anything larger is a mistake or an attack.
pub const MAX_SIZE: u64 = 64 * 1024;

/// The file's problems as `check` and `build` report them, so that a bad
/// line is found when it is written, not when an edition is published or
/// verified: a file over [`MAX_SIZE`], not a regular file or not UTF-8,
/// and every line that cannot be read. None when there is no file: a
/// project may have no signer yet (`publish` says how to add one).
pub fn diagnostics(root: &Path) -> Vec<Diagnostic> {
    const FORMAT: &str = "each line is `PRINCIPALS [OPTIONS] KEYTYPE BASE64 [COMMENT]`, \
                          e.g. `treaty@mfa.kz namespaces=\"treaty-register\" ssh-ed25519 AAAA…`; \
                          see ALLOWED SIGNERS in ssh-keygen(1)";
    let text = match crate::support::safe_read::read_small(&root.join(FILE), MAX_SIZE) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(e) => {
            return vec![
                Diagnostic::new(FILE, None, format!("the file cannot be read ({e})")).hint(
                    format!(
                        "it is a small text file of at most {MAX_SIZE} bytes, one line per key: {FORMAT}"
                    ),
                ),
            ];
        }
    };
    bad_lines(&text)
        .into_iter()
        .map(|bad| {
            let at = Span::new(bad.line, bad.column, bad.len);
            Diagnostic::new(FILE, Some(at), bad.why).hint(FORMAT)
        })
        .collect()
}

/// A line of the file that cannot be read: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    pub line: usize,
    /// 1-based, in characters: the word at fault.
    pub column: usize,
    pub len: usize,
    pub why: String,
}

/// Reads the file's text; a line that cannot be read is an error naming it.
pub fn parse(text: &str) -> Result<Vec<Signer>, String> {
    let mut signers = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        match read_line(raw, n + 1) {
            Ok(signer) => signers.extend(signer),
            Err(bad) => return Err(format!("{FILE}:{}: {}", bad.line, bad.why)),
        }
    }
    Ok(signers)
}

/// Every line of the file that cannot be read (what `check` reports).
pub fn bad_lines(text: &str) -> Vec<BadLine> {
    text.lines()
        .enumerate()
        .filter_map(|(n, raw)| read_line(raw, n + 1).err())
        .collect()
}

/// One line: `None` for a blank line, a comment or a certificate authority.
fn read_line(raw: &str, number: usize) -> Result<Option<Signer>, BadLine> {
    let line = raw.trim();
    if line.is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    parse_line(line, number).map_err(|(why, at)| {
        // `at` is a part of `raw`: its offset is the column.
        let offset = (at.as_ptr() as usize).saturating_sub(raw.as_ptr() as usize);
        let offset = offset.min(raw.len());
        BadLine {
            line: number,
            column: raw[..offset].chars().count() + 1,
            len: at.chars().count().max(1),
            why,
        }
    })
}

/// A reason, and the part of the line it concerns.
type LineError<'a> = (String, &'a str);

fn parse_line(line: &str, number: usize) -> Result<Option<Signer>, LineError<'_>> {
    let (principals, rest) = split_word(line);
    let mut rest = rest;
    let mut namespaces = None;
    let mut valid_after = None;
    let mut valid_before = None;
    // Options come before the key type; a key type starts with a known prefix.
    loop {
        let (word, after) = split_word(rest);
        if word.is_empty() {
            return Err(("no key after the principals".into(), principals));
        }
        if word.starts_with("ssh-") || word.starts_with("ecdsa-") || word.starts_with("sk-") {
            break;
        }
        for option in split_options(word) {
            let (name, value) = option.split_once('=').unwrap_or((option.as_str(), ""));
            let value = value.trim_matches('"');
            match name.to_ascii_lowercase().as_str() {
                "namespaces" => {
                    namespaces = Some(value.split(',').map(str::to_owned).collect());
                }
                "valid-after" => valid_after = Some(parse_time(value).map_err(|e| (e, word))?),
                "valid-before" => valid_before = Some(parse_time(value).map_err(|e| (e, word))?),
                "cert-authority" => return Ok(None),
                other => return Err((format!("unknown option `{other}`"), word)),
            }
        }
        rest = after;
    }
    let key_text = rest.trim();
    let key = PublicKey::from_openssh(key_text)
        .map_err(|e| (format!("the key cannot be read ({e})"), key_text))?;
    Ok(Some(Signer {
        line: number,
        principals: principals.split(',').map(str::to_owned).collect(),
        namespaces,
        valid_after,
        valid_before,
        key,
    }))
}

/// The first word (a quoted part may hold spaces) and the rest.
fn split_word(text: &str) -> (&str, &str) {
    let text = text.trim_start();
    let mut quoted = false;
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => return (&text[..i], &text[i..]),
            _ => {}
        }
    }
    (text, "")
}

/// `a="x,y",b` → [`a="x,y"`, `b`].
fn split_options(word: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    for c in word.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                out.last_mut().unwrap().push(c);
            }
            ',' if !quoted => out.push(String::new()),
            c => out.last_mut().unwrap().push(c),
        }
    }
    out
}

/// `YYYYMMDD[HHMM[SS]][Z]` as seconds since 1970, read as UTC.
fn parse_time(value: &str) -> Result<i64, String> {
    let digits = value.trim_end_matches(['Z', 'z']);
    let bad = || format!("`{value}` is not a time (YYYYMMDD[HHMM[SS]][Z])");
    if !matches!(digits.len(), 8 | 12 | 14) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let date = PartialDate::parse(&format!(
        "{}-{}-{}",
        &digits[..4],
        &digits[4..6],
        &digits[6..8]
    ))
    .map_err(|_| bad())?;
    let number =
        |r: std::ops::Range<usize>| digits.get(r).map_or(0, |d| d.parse::<i64>().unwrap_or(0));
    Ok(date.unix_timestamp() + number(8..10) * 3600 + number(10..12) * 60 + number(12..14))
}

/// Glob match of OpenSSH patterns: `*` any run, `?` one character.
fn matches(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

/// Whether `principal` is a pattern rather than a name: OpenSSH reads `*`
/// and `?` as wildcards and a leading `!` as a negation.
pub fn is_pattern(principal: &str) -> bool {
    principal.contains(['*', '?', ',']) || principal.starts_with('!') || principal.is_empty()
}

/// A moment a key must be valid at, and what it is, for messages: the
/// edition's date, or the day `publish` signs.
#[derive(Debug, Clone)]
pub struct Moment {
    /// Seconds since 1970 (UTC).
    pub at: i64,
    /// "the edition's date (2024-08-08)".
    pub what: String,
}

impl Moment {
    /// 00:00 UTC on the edition's date.
    pub fn edition(date: PartialDate) -> Moment {
        Moment {
            at: date.unix_timestamp(),
            what: format!("the edition's date ({date})"),
        }
    }
}

impl Signer {
    /// Whether the line names `principal`: one of its patterns matches it
    /// and no negated one (`!x@y`) does, as OpenSSH's pattern lists read.
    fn names(&self, principal: &str) -> bool {
        let negated = self
            .principals
            .iter()
            .filter_map(|p| p.strip_prefix('!'))
            .any(|p| matches(p, principal));
        !negated
            && self
                .principals
                .iter()
                .any(|p| !p.starts_with('!') && matches(p, principal))
    }

    /// The principal the line signs as without `--principal`: the first
    /// that is a name, not a pattern.
    fn first_name(&self) -> Result<String, Refusal> {
        self.principals
            .iter()
            .find(|p| !is_pattern(p))
            .cloned()
            .ok_or_else(|| Refusal::OnlyPatterns {
                line: self.line,
                patterns: self.principals.join(","),
            })
    }

    fn check_all(&self, moments: &[Moment]) -> Result<(), Refusal> {
        moments.iter().try_for_each(|m| self.check(m))
    }

    fn check(&self, moment: &Moment) -> Result<(), Refusal> {
        let at = moment.at;
        if let Some(ns) = &self.namespaces
            && !ns.iter().any(|n| matches(n, NAMESPACE))
        {
            return Err(Refusal::OtherNamespace(self.line));
        }
        let day = |t: i64| {
            let days = t.div_euclid(86_400);
            format!("{} days after 1970-01-01", days)
        };
        if let Some(after) = self.valid_after
            && at < after
        {
            return Err(Refusal::OutsideValidity {
                line: self.line,
                why: format!(
                    "the key is valid only from its valid-after time ({}), after {}",
                    day(after),
                    moment.what
                ),
            });
        }
        if let Some(before) = self.valid_before
            && at >= before
        {
            return Err(Refusal::OutsideValidity {
                line: self.line,
                why: format!("the key's valid-before time had passed on {}", moment.what),
            });
        }
        Ok(())
    }
}

/// The principal `key` may sign as at every one of `moments`: the one
/// asked for (never a pattern), or else the first name (not a pattern)
/// the file lists for the key. The most telling refusal otherwise.
pub fn principal_for(
    signers: &[Signer],
    key: &PublicKey,
    principal: Option<&str>,
    moments: &[Moment],
) -> Result<String, Refusal> {
    if let Some(p) = principal.filter(|p| is_pattern(p)) {
        return Err(Refusal::PatternPrincipal(p.to_owned()));
    }
    let mut refusal = Refusal::NotListed;
    for s in signers
        .iter()
        .filter(|s| s.key.key_data() == key.key_data())
    {
        if let Some(p) = principal
            && !s.names(p)
        {
            continue;
        }
        let named = match principal {
            Some(p) => Ok(p.to_owned()),
            None => s.first_name(),
        };
        match named.and_then(|name| s.check_all(moments).map(|()| name)) {
            Ok(name) => return Ok(name),
            Err(why) => refusal = why,
        }
    }
    Err(refusal)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICkiMj8PsF9nX45tDES9/6s+R5icx9yWOCrbQ+yuGdod";

    #[test]
    fn reads_options_and_matches_principals() {
        let text = format!(
            "# treaty department\n\ntreaty@mfa.kz,*@archive.kz namespaces=\"git,treaty-register\",valid-after=\"20240101\",valid-before=\"20260101Z\" {KEY} clerk\n"
        );
        let signers = parse(&text).unwrap();
        assert_eq!(signers.len(), 1);
        assert_eq!(signers[0].line, 3);
        let key = PublicKey::from_openssh(KEY).unwrap();
        let on = |d: &str| [Moment::edition(PartialDate::parse(d).unwrap())];
        assert_eq!(
            principal_for(&signers, &key, None, &on("2024-08-08")).unwrap(),
            "treaty@mfa.kz"
        );
        assert_eq!(
            principal_for(&signers, &key, Some("a@archive.kz"), &on("2024-08-08")).unwrap(),
            "a@archive.kz"
        );
        assert_eq!(
            principal_for(&signers, &key, Some("x@y"), &on("2024-08-08")),
            Err(Refusal::NotListed)
        );
        assert!(matches!(
            principal_for(&signers, &key, None, &on("2023-12-31")),
            Err(Refusal::OutsideValidity { line: 3, .. })
        ));
        assert!(matches!(
            principal_for(&signers, &key, None, &on("2026-01-01")),
            Err(Refusal::OutsideValidity { .. })
        ));
    }

    #[test]
    fn other_namespaces_and_bad_lines() {
        let signers = parse(&format!("a namespaces=\"git\" {KEY}\n")).unwrap();
        let key = PublicKey::from_openssh(KEY).unwrap();
        let date = [Moment::edition(PartialDate::parse("2024-08-08").unwrap())];
        assert_eq!(
            principal_for(&signers, &key, None, &date),
            Err(Refusal::OtherNamespace(1))
        );
        assert!(
            parse("a valid-after=\"2024\" ssh-ed25519 AAAA\n")
                .unwrap_err()
                .contains(":1:")
        );
        assert!(parse("a\n").is_err());
        assert!(matches("*@mfa.kz", "treaty@mfa.kz"));
        // A pattern is never a principal: not signed as, not asked for.
        let wild = parse(&format!("nobody@x,*@mfa.kz,!bad@mfa.kz {KEY}\n")).unwrap();
        assert_eq!(principal_for(&wild, &key, None, &date).unwrap(), "nobody@x");
        assert_eq!(
            principal_for(&wild, &key, Some("m@mfa.kz"), &date).unwrap(),
            "m@mfa.kz"
        );
        assert_eq!(
            principal_for(&wild, &key, Some("bad@mfa.kz"), &date),
            Err(Refusal::NotListed)
        );
        assert_eq!(
            principal_for(&wild, &key, Some("*@mfa.kz"), &date),
            Err(Refusal::PatternPrincipal("*@mfa.kz".into()))
        );
        let only = parse(&format!("*@mfa.kz {KEY}\n")).unwrap();
        assert!(matches!(
            principal_for(&only, &key, None, &date),
            Err(Refusal::OnlyPatterns { line: 1, .. })
        ));
        assert!(!matches("*@mfa.kz", "treaty@mfa.uz"));
    }
}
