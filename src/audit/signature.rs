//! Signing and checking editions: OpenSSH signatures (SSHSIG, Ed25519,
//! namespace `treaty-register`) over the exact bytes of `manifest.sha256`,
//! made and checked with the RustCrypto `ssh-key` crate, so that
//! `ssh-keygen -Y verify` checks what this signs and this checks what
//! `ssh-keygen -Y sign` signs.
//!
//! The private key stays where it is: an OpenSSH key file (its passphrase
//! asked at the terminal, never taken from the command line) or a key held
//! by `ssh-agent` (`SSH_AUTH_SOCK`), which signs without ever handing the
//! key out, as a hardware token does.

use std::path::{Path, PathBuf};

use ssh_key::{Algorithm, HashAlg, LineEnding, PrivateKey, PublicKey, SshSig};

use crate::audit::signers::{self, Moment, NAMESPACE, Refusal};

/// SHA-512, as `ssh-keygen -Y sign` uses by default.
const HASH: HashAlg = HashAlg::Sha512;

/// Where the signing key is.
#[derive(Debug, Clone)]
pub enum KeySource {
    File(PathBuf),
    Agent,
}

/// A key ready to sign, with the principal it signs as.
pub struct SigningKey {
    pub public: PublicKey,
    pub principal: String,
    how: How,
}

enum How {
    File(Box<PrivateKey>),
    Agent(PathBuf),
}

/// What went wrong, with the fix.
#[derive(Debug)]
pub struct KeyError {
    pub message: String,
    pub hint: String,
    /// The allowed-signers line that would let the key sign, when the key
    /// was refused for not being listed.
    pub line: Option<String>,
}

fn key_error(message: impl Into<String>, hint: impl Into<String>) -> KeyError {
    KeyError {
        message: message.into(),
        hint: hint.into(),
        line: None,
    }
}

/// The key from `source`, allowed by the project's `register/allowed_signers`
/// at every one of `moments` (see [`signing_key`]). A project without the file has no
/// signer yet: the refusal then gives the exact line to create it with.
pub fn project_key(
    root: &Path,
    source: &KeySource,
    principal: Option<&str>,
    moments: &[Moment],
    passphrase: &dyn Fn(&Path) -> std::io::Result<String>,
) -> Result<SigningKey, KeyError> {
    let text =
        match crate::support::safe_read::read_small(&root.join(signers::FILE), signers::MAX_SIZE) {
            Ok(text) => Some(text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(key_error(
                    format!("cannot read {} ({e}); nothing was written", signers::FILE),
                    "it must be a regular file in OpenSSH's allowed-signers format",
                ));
            }
        };
    let allowed = match &text {
        Some(text) => signers::parse(text)
            .map_err(|why| key_error(why, "see ALLOWED SIGNERS in ssh-keygen(1) for the format"))?,
        None => Vec::new(),
    };
    signing_key(source, &allowed, principal, moments, passphrase).map_err(|mut e| {
        if let (None, Some(line)) = (&text, &e.line) {
            e.message = format!(
                "{} does not exist, so no key may sign editions yet; nothing was written",
                signers::FILE
            );
            e.hint = format!(
                "create it with the line below (the register's keepers decide who may sign; \
                 `treaty-register init` writes it with its format explained):\n        {line}"
            );
        }
        e
    })
}

/// The key from `source`, allowed by `signers` to sign as `principal` (or
/// as the first name they list for it) at every one of `moments`;
/// `passphrase` is asked for an encrypted key file.
pub fn signing_key(
    source: &KeySource,
    signers: &[signers::Signer],
    principal: Option<&str>,
    moments: &[Moment],
    passphrase: &dyn Fn(&Path) -> std::io::Result<String>,
) -> Result<SigningKey, KeyError> {
    match source {
        KeySource::File(path) => {
            let key = read_key_file(path, passphrase)?;
            let public = key.public_key().clone();
            let principal = allowed(signers, &public, principal, moments)?;
            Ok(SigningKey {
                public,
                principal,
                how: How::File(Box::new(key)),
            })
        }
        KeySource::Agent => agent_key(signers, principal, moments),
    }
}

fn read_key_file(
    path: &Path,
    passphrase: &dyn Fn(&Path) -> std::io::Result<String>,
) -> Result<PrivateKey, KeyError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        key_error(
            format!("failed to read the key {} ({e})", path.display()),
            "name an OpenSSH private key file with --key, or use --agent",
        )
    })?;
    let key = PrivateKey::from_openssh(&text).map_err(|e| {
        key_error(
            format!("{} is not an OpenSSH private key ({e})", path.display()),
            "make one with `ssh-keygen -t ed25519`, or use --agent",
        )
    })?;
    let key = if key.is_encrypted() {
        let words = passphrase(path).map_err(|e| {
            key_error(
                format!("the key {} is protected by a passphrase, and it could not be asked ({e})", path.display()),
                "run publish at a terminal to type the passphrase, or add the key to ssh-agent and use --agent",
            )
        })?;
        key.decrypt(words.as_bytes()).map_err(|_| {
            key_error(
                format!("wrong passphrase for {}", path.display()),
                "nothing was written; run publish again",
            )
        })?
    } else {
        key
    };
    if key.algorithm() != Algorithm::Ed25519 {
        return Err(key_error(
            format!(
                "{} is a {} key; editions are signed with Ed25519",
                path.display(),
                key.algorithm()
            ),
            "make one with `ssh-keygen -t ed25519` and list it in register/allowed_signers",
        ));
    }
    Ok(key)
}

fn allowed(
    signers: &[signers::Signer],
    key: &PublicKey,
    principal: Option<&str>,
    moments: &[Moment],
) -> Result<String, KeyError> {
    signers::principal_for(signers, key, principal, moments).map_err(|refusal| {
        let fingerprint = key.fingerprint(HashAlg::Sha256);
        let who = principal.map_or_else(String::new, |p| format!(" as `{p}`"));
        let line = format!(
            "{} namespaces=\"{NAMESPACE}\" {}",
            principal.unwrap_or("<principal>"),
            key.to_openssh().unwrap_or_default().trim(),
        );
        // Only a refusal in time is about when; the others hold at any date.
        let when = match refusal {
            Refusal::OutsideValidity { .. } => {
                let when: Vec<&str> = moments.iter().map(|m| m.what.as_str()).collect();
                format!(" at {}", when.join(" and "))
            }
            _ => String::new(),
        };
        KeyError {
            line: matches!(refusal, Refusal::NotListed).then_some(line.clone()),
            ..key_error(
                format!(
                    "the key {fingerprint} may not sign editions{who}{when}: {refusal}; nothing \
                     was written"
                ),
                refusal_hint(&refusal, &line),
            )
        }
    })
}

/// What to do about `refusal`.
fn refusal_hint(refusal: &Refusal, line: &str) -> String {
    match refusal {
        Refusal::NotListed => format!(
            "add a line `{line}` to {} (the register's keepers decide who may sign), or sign \
             with a listed key",
            signers::FILE
        ),
        Refusal::OtherNamespace(_) => format!(
            "add `{NAMESPACE}` to the line's namespaces=\"…\" option, or sign with another key"
        ),
        Refusal::OutsideValidity { .. } => "a key signs only inside its valid-after/valid-before \
             window, both at the edition's date and at the moment it signs; sign with a key \
             valid at both, or ask the register's keepers to renew its line in \
             register/allowed_signers"
            .into(),
        Refusal::OnlyPatterns { .. } => "name the signer with --principal NAME, an address one \
             of those patterns matches (e.g. --principal minister@mfa.example); the edition \
             prints and records that name"
            .into(),
        Refusal::PatternPrincipal(_) => {
            "give --principal the signer's own address, which the key's line matches".into()
        }
    }
}

/// The first Ed25519 key in the agent that may sign.
fn agent_key(
    signers: &[signers::Signer],
    principal: Option<&str>,
    moments: &[Moment],
) -> Result<SigningKey, KeyError> {
    let socket = std::env::var_os("SSH_AUTH_SOCK")
        .filter(|s| !s.is_empty())
        .map(PathBuf::from)
        .ok_or_else(|| {
            key_error(
                "--agent was given, but SSH_AUTH_SOCK is not set",
                "start an agent (`eval $(ssh-agent)`) and add the key (`ssh-add`), or sign with --key FILE",
            )
        })?;
    let mut client = ssh_agent_client_rs::Client::connect(&socket).map_err(|e| {
        key_error(
            format!("failed to reach ssh-agent at {} ({e})", socket.display()),
            "check that the agent runs and SSH_AUTH_SOCK names its socket",
        )
    })?;
    let identities = client.list_all_identities().map_err(|e| {
        key_error(
            format!("ssh-agent did not list its keys ({e})"),
            "check the agent",
        )
    })?;
    // Plain keys only: an allowed-signers line names a key, not a certificate.
    let keys = identities.into_iter().filter_map(|i| match i {
        ssh_agent_client_rs::Identity::PublicKey(k) => Some(k.into_owned()),
        ssh_agent_client_rs::Identity::Certificate(_) => None,
    });
    let mut last = None;
    for key in keys.filter(|k| k.algorithm() == Algorithm::Ed25519) {
        match allowed(signers, &key, principal, moments) {
            Ok(principal) => {
                return Ok(SigningKey {
                    public: key,
                    principal,
                    how: How::Agent(socket),
                });
            }
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| {
        key_error(
            "ssh-agent holds no Ed25519 key",
            "add the signing key with `ssh-add`, or sign with --key FILE",
        )
    }))
}

impl SigningKey {
    /// The armored signature of `message`.
    pub fn sign(&self, message: &[u8]) -> Result<String, KeyError> {
        let failed = |e: &dyn std::fmt::Display| {
            key_error(format!("signing failed ({e})"), "nothing was written")
        };
        let sig = match &self.how {
            How::File(key) => key.sign(NAMESPACE, HASH, message).map_err(|e| failed(&e))?,
            How::Agent(socket) => {
                let data = SshSig::signed_data(NAMESPACE, HASH, message).map_err(|e| failed(&e))?;
                let mut client =
                    ssh_agent_client_rs::Client::connect(socket).map_err(|e| failed(&e))?;
                let signature = client.sign(&self.public, &data).map_err(|e| failed(&e))?;
                SshSig::new(self.public.key_data().clone(), NAMESPACE, HASH, signature)
                    .map_err(|e| failed(&e))?
            }
        };
        sig.to_pem(LineEnding::LF).map_err(|e| failed(&e))
    }

    /// "SHA256:…", for messages and the manifest.
    pub fn fingerprint(&self) -> String {
        self.public.fingerprint(HashAlg::Sha256).to_string()
    }
}

/// What a good signature establishes: who signed, with which key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub principal: String,
    /// "SHA256:…" of the signing key.
    pub key: String,
}

/// Checks `armored` as a signature of `message` by a key `signers` allow
/// at `moment` for `principal` (a name, never a pattern: the one the
/// edition claims). The key's fingerprint is returned even when the
/// signature is refused, so that a claim about it can still be checked.
pub fn verify(
    armored: &str,
    message: &[u8],
    signers: &[signers::Signer],
    principal: &str,
    moment: &Moment,
) -> Result<Verified, String> {
    let sig =
        SshSig::from_pem(armored).map_err(|e| format!("the signature cannot be read ({e})"))?;
    if sig.namespace() != NAMESPACE {
        return Err(format!(
            "the signature is for the namespace `{}`, not `{NAMESPACE}`",
            sig.namespace()
        ));
    }
    let key = PublicKey::from(sig.public_key().clone());
    let fingerprint = key.fingerprint(HashAlg::Sha256).to_string();
    let moments = std::slice::from_ref(moment);
    let principal = signers::principal_for(signers, &key, Some(principal), moments).map_err(
        |refusal| match refusal {
            Refusal::PatternPrincipal(p) => format!(
                "manifest.json names the pattern `{p}` as the signer, and a pattern names no one"
            ),
            other => format!("signed by {fingerprint} as `{principal}`, which {other}")
                .replace("which the key is", "which is"),
        },
    )?;
    key.verify(NAMESPACE, message, &sig)
        .map_err(|_| "the signature does not match the manifest's bytes".to_owned())?;
    Ok(Verified {
        principal,
        key: fingerprint,
    })
}

/// The fingerprint of the key that made `armored`, if it can be read.
pub fn signer_key(armored: &str) -> Option<String> {
    let sig = SshSig::from_pem(armored).ok()?;
    let key = PublicKey::from(sig.public_key().clone());
    Some(key.fingerprint(HashAlg::Sha256).to_string())
}

/// Whether `armored` is a signature of `message` by its own key, whoever
/// that is (the allowed signers are judged apart).
pub fn matches(armored: &str, message: &[u8]) -> bool {
    SshSig::from_pem(armored).is_ok_and(|sig| {
        PublicKey::from(sig.public_key().clone())
            .verify(NAMESPACE, message, &sig)
            .is_ok()
    })
}
