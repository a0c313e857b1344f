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
    let (key, cert, chain, named, key_file) = match files {
        SealFiles::Pem { key, cert, chain } => {
            let (private, own, issuers) = pem_files(key, cert, chain.as_deref())?;
            (private, own, issuers, cert.clone(), key.clone())
        }
        SealFiles::Pkcs12(path) => {
            let (key, mut certs) = pkcs12(path)?;
            let cert = certs.remove(0);
            // A PKCS#12 file may carry certificates besides the chain
            // (a cross-signed root, an old issuer): they stay behind.
            let (chain, _) = ordered(&cert, certs);
            (key, cert, chain, path.clone(), path.clone())
        }
    };
    if key.size() * 8 < 2048 {
        return Err(refused(
            format!(
                "the seal key in {} has {} bits",
                key_file.display(),
                key.size() * 8
            ),
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

/// The key, certificate and chain of `--seal-key`, `--seal-cert` and
/// `--seal-chain`, the chain in order.
fn pem_files(
    key: &Path,
    cert: &Path,
    chain: Option<&Path>,
) -> Result<(RsaPrivateKey, Certificate, Vec<Certificate>)> {
    let private = pem_key(key)?;
    let given = match chain {
        Some(path) => certificates(path)?,
        None => Vec::new(),
    };
    let own = certificates(cert)?.remove(0);
    let (issuers, strays) = ordered(&own, given);
    if let (Some(stray), Some(file)) = (strays.first(), chain) {
        return Err(refused(
            format!(
                "{} holds {}, which is not an issuer of {}",
                file.display(),
                stray.tbs_certificate.subject,
                own.tbs_certificate.subject
            ),
            "give the seal certificate's issuers only (the root may be left out)",
        ));
    }
    Ok((private, own, issuers))
}

/// `certs` as the chain of `cert`, nearest issuer first, and those that
/// are not on it: a certificate that issued none of them would be carried
/// in every sealed PDF for nothing, and hide a wrong `--seal-chain` file.
fn ordered(
    cert: &Certificate,
    mut certs: Vec<Certificate>,
) -> (Vec<Certificate>, Vec<Certificate>) {
    let mut chain: Vec<Certificate> = Vec::new();
    loop {
        let child = chain.last().unwrap_or(cert);
        let Some(at) = certs
            .iter()
            .position(|c| c.tbs_certificate.subject == child.tbs_certificate.issuer && c != child)
        else {
            return (chain, certs);
        };
        chain.push(certs.remove(at));
    }
}

/// An RSA key in PEM: PKCS#8, encrypted PKCS#8 (its passphrase as for
/// PKCS#12) or PKCS#1.
fn pem_key(path: &Path) -> Result<RsaPrivateKey> {
    let pem = String::from_utf8(read(path)?).unwrap_or_default();
    if pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") {
        let passphrase = passphrase(path)?;
        return RsaPrivateKey::from_pkcs8_encrypted_pem(&pem, passphrase.as_bytes()).map_err(
            |_| {
                refused(
                    format!("{} cannot be decrypted", path.display()),
                    "check the passphrase, and that the key is RSA",
                )
            },
        );
    }
    if pem.contains("Proc-Type: 4,ENCRYPTED") {
        return Err(refused(
            format!("{} is encrypted in the legacy OpenSSL form", path.display()),
            "convert it to PKCS#8: `openssl pkcs8 -topk8 -v2 aes-256-cbc -in OLD.pem -out KEY.pem`",
        ));
    }
    RsaPrivateKey::from_pkcs8_pem(&pem)
        .or_else(|_| RsaPrivateKey::from_pkcs1_pem(&pem))
        .map_err(|_| not_rsa(&path.display().to_string()))
}

/// The passphrase of `path`: from [`PASSPHRASE_VAR`], or asked at the
/// terminal.
fn passphrase(path: &Path) -> Result<String> {
    match std::env::var(PASSPHRASE_VAR) {
        Ok(p) => Ok(p),
        Err(_) if std::io::IsTerminal::is_terminal(&std::io::stdin()) => {
            rpassword::prompt_password(format!("Passphrase for {}: ", path.display())).map_err(
                |source| Error::Read {
                    path: path.to_path_buf(),
                    source,
                },
            )
        }
        Err(_) => Err(refused(
            format!(
                "{} needs its passphrase, and there is no terminal to ask it at",
                path.display()
            ),
            &format!("set {PASSPHRASE_VAR}, or run the command at a terminal"),
        )),
    }
}

fn not_rsa(what: &str) -> Error {
    refused(
        format!("{what} is not an RSA private key in PEM"),
        &format!(
            "the seal key is RSA (2048 bits or more), PKCS#8 (`BEGIN PRIVATE KEY`, or \
             `BEGIN ENCRYPTED PRIVATE KEY` with its passphrase in {PASSPHRASE_VAR}) or PKCS#1 \
             (`BEGIN RSA PRIVATE KEY`); an ECDSA or Ed25519 seal would make the PDF 2.0 and break PDF/A-3"
        ),
    )
}

/// The key of a PKCS#12 file and its certificates, the key's first.
fn pkcs12(path: &Path) -> Result<(RsaPrivateKey, Vec<Certificate>)> {
    let bytes = read(path)?;
    let passphrase = passphrase(path)?;
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
