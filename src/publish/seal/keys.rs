//! The seal's key and certificates, read and checked before anything is
//! typeset: an RSA key of 2048 bits or more (RSA keeps a sealed PDF at
//! PDF/A-3; an ECDSA or Ed25519 seal would make it PDF 2.0), the
//! certificate it belongs to, valid on the day it seals, and the chain up
//! to the certificate a reader trusts.

use std::path::{Path, PathBuf};

use der::{Decode, Encode};
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::traits::PublicKeyParts;
use rsa::{RsaPrivateKey, RsaPublicKey};
use x509_cert::Certificate;

use crate::error::{Error, Result};

/// A seal: the key that signs and the certificates the CMS carries.
pub struct SealKey {
    pub key: RsaPrivateKey,
    pub cert: Certificate,
    /// Issuers of `cert`, nearest first, as `--seal-chain` gives them.
    pub chain: Vec<Certificate>,
}

/// Where the seal comes from, as the options give it.
#[derive(Debug, Clone)]
pub struct SealFiles {
    pub key: PathBuf,
    pub cert: PathBuf,
    pub chain: Option<PathBuf>,
}

fn refused(message: String, hint: &str) -> Error {
    Error::Signing {
        message,
        hint: hint.to_owned(),
    }
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// The certificates of a PEM file, in order.
pub fn certificates(path: &Path) -> Result<Vec<Certificate>> {
    let bytes = read(path)?;
    let certs = Certificate::load_pem_chain(&bytes).map_err(|e| {
        refused(
            format!("{} holds no PEM certificate that can be read ({e})", path.display()),
            "give a file of `-----BEGIN CERTIFICATE-----` blocks, e.g. `openssl x509 -in CERT -outform PEM`",
        )
    })?;
    if certs.is_empty() {
        return Err(refused(
            format!("{} holds no certificate", path.display()),
            "give a file of `-----BEGIN CERTIFICATE-----` blocks",
        ));
    }
    Ok(certs)
}

/// The RSA public key a certificate certifies.
pub fn public_key(cert: &Certificate) -> Option<RsaPublicKey> {
    let spki = cert.tbs_certificate.subject_public_key_info.to_der().ok()?;
    RsaPublicKey::from_public_key_der(&spki).ok()
}

/// Reads and checks the seal of `files`, for sealing at `now` (seconds
/// since the epoch).
pub fn load(files: &SealFiles, now: u64) -> Result<SealKey> {
    let pem = String::from_utf8(read(&files.key)?).unwrap_or_default();
    let key = RsaPrivateKey::from_pkcs8_pem(&pem)
        .or_else(|_| RsaPrivateKey::from_pkcs1_pem(&pem))
        .map_err(|_| {
            refused(
                format!("{} is not an unencrypted RSA private key in PEM", files.key.display()),
                "the seal key is RSA (2048 bits or more), PKCS#8 (`BEGIN PRIVATE KEY`) or PKCS#1 \
                 (`BEGIN RSA PRIVATE KEY`); an ECDSA or Ed25519 seal would make the PDF 2.0 and break PDF/A-3",
            )
        })?;
    if key.size() * 8 < 2048 {
        return Err(refused(
            format!(
                "the seal key {} has {} bits",
                files.key.display(),
                key.size() * 8
            ),
            "a seal key has 2048 bits or more",
        ));
    }
    let cert = certificates(&files.cert)?.remove(0);
    if public_key(&cert).as_ref() != Some(key.as_ref()) {
        return Err(refused(
            format!(
                "{} does not certify the key {}",
                files.cert.display(),
                files.key.display()
            ),
            "give the certificate issued for this key",
        ));
    }
    valid_at(&cert, now, &files.cert)?;
    let chain = match &files.chain {
        Some(path) => certificates(path)?,
        None => Vec::new(),
    };
    Ok(SealKey { key, cert, chain })
}

/// Refuses a certificate not valid at `now`: a seal attests when it was
/// applied.
pub fn valid_at(cert: &Certificate, now: u64, path: &Path) -> Result<()> {
    let validity = &cert.tbs_certificate.validity;
    let from = validity.not_before.to_unix_duration().as_secs();
    let to = validity.not_after.to_unix_duration().as_secs();
    if now < from || now > to {
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

/// A certificate's DER, for digests and comparisons.
pub fn der(cert: &Certificate) -> Vec<u8> {
    cert.to_der().unwrap_or_default()
}

/// A certificate read from DER.
pub fn from_der(bytes: &[u8]) -> Option<Certificate> {
    Certificate::from_der(bytes).ok()
}
