//! The seal's key and certificates, read and checked before anything is
//! typeset: an RSA key of 2048 bits or more (RSA keeps a sealed PDF at
//! PDF/A-3; an ECDSA or Ed25519 seal would make it PDF 2.0), the
//! certificate it belongs to, valid on the day it seals, and the chain up
//! to the certificate a reader trusts.

use std::path::{Path, PathBuf};

use rsa::RsaPrivateKey;
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs8::DecodePrivateKey;
use rsa::traits::PublicKeyParts;
use x509_cert::Certificate;

use crate::error::{Error, Result};
pub use crate::support::pki::{certificates, der, from_der, public_key};

/// A seal: the key that signs and the certificates the CMS carries.
pub struct SealKey {
    pub key: RsaPrivateKey,
    pub cert: Certificate,
    /// Issuers of `cert`, nearest first, as `--seal-chain` gives them.
    pub chain: Vec<Certificate>,
}

/// Where the seal comes from, as the options give it.
#[derive(Debug, Clone)]
pub enum SealFiles {
    /// `--seal-key KEY.pem --seal-cert CERT.pem [--seal-chain CHAIN.pem]`.
    Pem {
        key: PathBuf,
        cert: PathBuf,
        chain: Option<PathBuf>,
    },
    /// `--seal FILE.p12`: the key, its certificate and the chain in one
    /// PKCS#12 file, its passphrase from `TREATY_REGISTER_SEAL_PASSPHRASE`
    /// or asked at the terminal.
    Pkcs12(PathBuf),
}

/// The variable a PKCS#12 seal's passphrase may come from (a terminal is
/// asked otherwise).
pub const PASSPHRASE_VAR: &str = "TREATY_REGISTER_SEAL_PASSPHRASE";

use crate::support::pki::{read, refused};

/// Reads and checks the seal of `files`, for sealing at `now` (seconds
/// since the epoch).
pub fn load(files: &SealFiles, now: u64) -> Result<SealKey> {
    let (key, cert, chain, named) = match files {
        SealFiles::Pem { key, cert, chain } => {
            let pem = String::from_utf8(read(key)?).unwrap_or_default();
            let private = RsaPrivateKey::from_pkcs8_pem(&pem)
                .or_else(|_| RsaPrivateKey::from_pkcs1_pem(&pem))
                .map_err(|_| not_rsa(&key.display().to_string()))?;
            let chain = match chain {
                Some(path) => certificates(path)?,
                None => Vec::new(),
            };
            (private, certificates(cert)?.remove(0), chain, cert.clone())
        }
        SealFiles::Pkcs12(path) => {
            let (key, mut certs) = pkcs12(path)?;
            let cert = certs.remove(0);
            (key, cert, certs, path.clone())
        }
    };
    if key.size() * 8 < 2048 {
        return Err(refused(
            format!("the seal key has {} bits", key.size() * 8),
            "a seal key has 2048 bits or more",
        ));
    }
    if public_key(&cert).as_ref() != Some(key.as_ref()) {
        return Err(refused(
            format!("{} does not certify the seal's key", named.display()),
            "give the certificate issued for this key",
        ));
    }
    valid_at(&cert, now, &named)?;
    Ok(SealKey { key, cert, chain })
}

fn not_rsa(what: &str) -> Error {
    refused(
        format!("{what} is not an unencrypted RSA private key in PEM"),
        "the seal key is RSA (2048 bits or more), PKCS#8 (`BEGIN PRIVATE KEY`) or PKCS#1 \
         (`BEGIN RSA PRIVATE KEY`); an ECDSA or Ed25519 seal would make the PDF 2.0 and break PDF/A-3",
    )
}

/// The key of a PKCS#12 file and its certificates, the key's first.
fn pkcs12(path: &Path) -> Result<(RsaPrivateKey, Vec<Certificate>)> {
    let bytes = read(path)?;
    let passphrase = match std::env::var(PASSPHRASE_VAR) {
        Ok(p) => p,
        Err(_) if std::io::IsTerminal::is_terminal(&std::io::stdin()) => {
            rpassword::prompt_password(format!("Passphrase for {}: ", path.display())).map_err(
                |source| Error::Read {
                    path: path.to_path_buf(),
                    source,
                },
            )?
        }
        Err(_) => {
            return Err(refused(
                format!(
                    "{} needs its passphrase, and there is no terminal to ask it at",
                    path.display()
                ),
                &format!("set {PASSPHRASE_VAR}, or run the command at a terminal"),
            ));
        }
    };
    let store = p12_keystore::KeyStore::from_pkcs12(
        &bytes,
        &passphrase,
        p12_keystore::Pkcs12ImportPolicy::Relaxed,
    )
    .map_err(|e| {
        refused(
            format!("{} cannot be opened ({e})", path.display()),
            "check the passphrase, and that the file is PKCS#12 (.p12, .pfx)",
        )
    })?;
    let (_, chain) = store.private_key_chain().ok_or_else(|| {
        refused(
            format!("{} holds no private key with its certificate", path.display()),
            "export the seal with its key: `openssl pkcs12 -export -inkey KEY -in CERT -certfile CHAIN`",
        )
    })?;
    let key = RsaPrivateKey::from_pkcs8_der(chain.key().as_der())
        .map_err(|_| not_rsa(&format!("the key in {}", path.display())))?;
    let mut certs: Vec<Certificate> = chain
        .certs()
        .iter()
        .filter_map(|c| from_der(c.as_der()))
        .collect();
    // The key's own certificate first, then its issuers.
    if let Some(at) = certs
        .iter()
        .position(|c| public_key(c).as_ref() == Some(key.as_ref()))
    {
        let own = certs.remove(at);
        certs.insert(0, own);
    }
    if certs.is_empty() {
        return Err(refused(
            format!("{} holds no certificate for its key", path.display()),
            "export the seal with its certificate",
        ));
    }
    Ok((key, certs))
}

/// Refuses a certificate not valid at `now`: a seal attests when it was
/// applied.
pub fn valid_at(cert: &Certificate, now: u64, path: &Path) -> Result<()> {
    let validity = &cert.tbs_certificate.validity;
    if !crate::support::pki::valid_at(cert, i64::try_from(now).unwrap_or(i64::MAX)) {
        return Err(refused(
            format!(
                "the seal certificate {} is valid from {} to {}, not today",
                path.display(),
                validity.not_before,
                validity.not_after
            ),
            "a seal attests when it was applied: seal with a certificate valid today",
        ));
    }
    Ok(())
}
