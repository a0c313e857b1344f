//! What the seals of the register and their checks share: the object
//! identifiers of CMS, PAdES and RFC 3161, certificates read from PEM and
//! DER, a certificate's RSA key, and the `TSTInfo` of a time-stamp token.
//! Below both `publish` (which seals) and `audit` (which checks), so
//! neither reaches into the other for them.

use std::path::Path;

use cms::content_info::ContentInfo;
use der::asn1::OctetString;
use der::oid::ObjectIdentifier;
use der::{Decode, Encode};
use rsa::RsaPublicKey;
use rsa::pkcs8::DecodePublicKey;
use x509_cert::Certificate;
use x509_tsp::TstInfo;

use crate::error::{Error, Result};

pub const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
pub const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
pub const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
pub const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
pub const SHA256_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
pub const CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
pub const MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
pub const SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");
pub const SIGNING_CERTIFICATE_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
pub const TIME_STAMP_TOKEN: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14");

/// A seal or certificate that cannot serve, and what to do.
pub(crate) fn refused(message: String, hint: &str) -> Error {
    Error::Signing {
        message,
        hint: hint.to_owned(),
    }
}

/// The bytes of a key or certificate file.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>> {
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

/// A certificate's DER, for digests and comparisons.
pub fn der(cert: &Certificate) -> Vec<u8> {
    cert.to_der().unwrap_or_default()
}

/// A certificate read from DER.
pub fn from_der(bytes: &[u8]) -> Option<Certificate> {
    Certificate::from_der(bytes).ok()
}

/// The `TSTInfo` a token signs.
pub fn tst_info(token: &ContentInfo) -> Option<TstInfo> {
    let data = token
        .content
        .decode_as::<cms::signed_data::SignedData>()
        .ok()?;
    let content = data.encap_content_info.econtent?;
    let octets = content.decode_as::<OctetString>().ok()?;
    TstInfo::from_der(octets.as_bytes()).ok()
}

/// Whether `cert` is valid at `at` (seconds since 1970).
pub fn valid_at(cert: &Certificate, at: i64) -> bool {
    let v = &cert.tbs_certificate.validity;
    let from = i64::try_from(v.not_before.to_unix_duration().as_secs()).unwrap_or(i64::MAX);
    let to = i64::try_from(v.not_after.to_unix_duration().as_secs()).unwrap_or(0);
    (from..=to).contains(&at)
}
