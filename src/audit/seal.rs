//! Checking the PAdES seals in a PDF and their RFC 3161 time-stamps, as
//! `verify --pdf` and `verify` do: the byte range covers the whole file
//! but the signature (else `SEAL-PARTIAL`: bytes were added after it), the
//! digest and the signature value hold (`SEAL-INVALID`), and the seal's
//! certificate, or one that issued it, is trusted (`SEAL-UNTRUSTED`):
//! listed in `register/allowed_seals.pem` or `--trust`. A time-stamp must
//! stamp the signature value and be signed by a TSA that chains to
//! `register/allowed_tsa.pem` or `--trust` (`TIMESTAMP-INVALID`).
//!
//! The same checks serve a time-stamp over `manifest.sha256`
//! ([`timestamp`]).

use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::asn1::OctetString;
use der::{Decode, Encode};
use rsa::Pkcs1v15Sign;
use sha2_010::{Digest, Sha256};
use x509_cert::Certificate;

use crate::support::pki::{self as keys, MESSAGE_DIGEST, SHA256_WITH_RSA, TIME_STAMP_TOKEN};

/// The certificates trusted for seals (PEM), like `allowed_signers`.
pub const SEALS_FILE: &str = "register/allowed_seals.pem";
/// The certificates trusted for time-stamping authorities (PEM).
pub const TSA_FILE: &str = "register/allowed_tsa.pem";

/// How long a chain of issuers is followed.
const MAX_CHAIN: usize = 6;

/// One seal found in a PDF, checked.
#[derive(Debug, Clone)]
pub struct Seal {
    /// The seal's certificate: subject, issuer, serial (hex) and the
    /// SHA-256 of its DER.
    pub subject: String,
    pub issuer: String,
    pub serial: String,
    pub cert_sha256: String,
    /// `/M` as written.
    pub time: Option<String>,
    /// The bytes the seal covers end here (the length of the file it
    /// sealed).
    pub covers: usize,
    /// Where its `/Contents` (the one gap of its byte range) starts.
    pub contents_at: usize,
    /// The time-stamp, where there is one: its time and TSA.
    pub timestamp: Option<Stamp>,
    /// What fails, each line starting with its code.
    pub problems: Vec<String>,
}

/// A time-stamp token, checked.
#[derive(Debug, Clone)]
pub struct Stamp {
    /// RFC 3339 UTC.
    pub time: String,
    /// The same, in seconds since 1970.
    pub unix: i64,
    pub tsa: String,
    pub problems: Vec<String>,
}

/// The certificates trusted for seals and for time-stamps.
#[derive(Default)]
pub struct Trust {
    pub seals: Vec<Certificate>,
    pub tsas: Vec<Certificate>,
}

impl Seal {
    /// Whether its bytes and signature hold (whoever made it, whatever
    /// its time-stamp says) and it covers the whole file.
    pub fn intact(&self) -> bool {
        !self
            .problems
            .iter()
            .any(|p| p.starts_with("SEAL-INVALID") || p.starts_with("SEAL-PARTIAL"))
            && self.contents_at > 0
    }
}

/// How far from its end a PDF is searched for seals: a seal is the last
/// update of the file, a few tens of kilobytes (more bytes after it are
/// `SEAL-PARTIAL`, up to this much).
pub const SEARCHED: usize = 4 << 20;

/// The seals of `pdf`, each checked; empty when it has none. Signature
/// dictionaries are found by their `/ByteRange` near the end of the file,
/// without parsing the whole PDF: `verify` checks every published PDF, and
/// a volume of a large register is tens of megabytes.
pub fn seals(pdf: &[u8], trust: &Trust) -> Vec<Seal> {
    let from = pdf.len().saturating_sub(SEARCHED);
    let mut found: Vec<Seal> = find_all(&pdf[from..], b"/ByteRange")
        .filter_map(|at| signature_at(pdf, from + at))
        .map(|(range, contents, time)| check_one(pdf, &range, &contents, time, trust))
        .collect();
    found.sort_by_key(|s| s.covers);
    found
}

fn find_all<'a>(haystack: &'a [u8], needle: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    let mut at = 0;
    std::iter::from_fn(move || {
        let found = haystack
            .get(at..)?
            .windows(needle.len())
            .position(|w| w == needle)?;
        at += found + needle.len();
        Some(at - needle.len())
    })
}

/// The `/ByteRange`, the `/Contents` bytes and the `/M` of the signature
/// dictionary whose `/ByteRange` key is at `at`.
fn signature_at(pdf: &[u8], at: usize) -> Option<(Vec<i64>, Vec<u8>, Option<String>)> {
    // The dictionary: from its `<<` back to the end of its object.
    let end = at + find_all(&pdf[at..], b"endobj").next()?;
    let start = pdf[..at].windows(3).rposition(|w| w == b"obj")?;
    let dict = &pdf[start..end];
    let value = |key: &[u8]| -> Option<&[u8]> {
        let k = find_all(dict, key).next()? + key.len();
        Some(dict[k..].trim_ascii_start())
    };
    let range_text = value(b"/ByteRange")?.strip_prefix(b"[")?;
    let range: Vec<i64> =
        std::str::from_utf8(&range_text[..range_text.iter().position(|&b| b == b']')?])
            .ok()?
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
    let hex = value(b"/Contents")?.strip_prefix(b"<")?;
    let hex = &hex[..hex.iter().position(|&b| b == b'>')?];
    let contents = hex_bytes(hex)?;
    let time = value(b"/M").and_then(pdf_string);
    Some((range, contents, time))
}

fn hex_bytes(hex: &[u8]) -> Option<Vec<u8>> {
    let digits: Vec<u8> = hex
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    digits
        .chunks(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok())
        .collect()
}

/// A PDF string at the start of `text`: `(…)` or `<…>`.
fn pdf_string(text: &[u8]) -> Option<String> {
    match text.first()? {
        b'(' => {
            let end = text.iter().position(|&b| b == b')')?;
            Some(String::from_utf8_lossy(&text[1..end]).into_owned())
        }
        b'<' => {
            let end = text.iter().position(|&b| b == b'>')?;
            Some(String::from_utf8_lossy(&hex_bytes(&text[1..end])?).into_owned())
        }
        _ => None,
    }
}

fn invalid(why: impl std::fmt::Display) -> String {
    format!("SEAL-INVALID {why}")
}

fn check_one(
    pdf: &[u8],
    range: &[i64],
    contents: &[u8],
    time: Option<String>,
    trust: &Trust,
) -> Seal {
    let mut seal = Seal {
        subject: String::new(),
        issuer: String::new(),
        serial: String::new(),
        cert_sha256: String::new(),
        time,
        covers: 0,
        contents_at: 0,
        timestamp: None,
        problems: Vec::new(),
    };
    let range: Vec<usize> = range
        .iter()
        .filter_map(|&x| usize::try_from(x).ok())
        .collect();
    let [0, a, b, c] = range[..] else {
        seal.problems
            .push(invalid("its /ByteRange is not four numbers from 0"));
        return seal;
    };
    if a >= b || b.checked_add(c).is_none_or(|end| end > pdf.len()) {
        seal.problems
            .push(invalid("its /ByteRange lies outside the file"));
        return seal;
    }
    // The one gap the seal leaves unsigned must be exactly its own
    // `/Contents`, `<hex>`: anything else there (new objects, another
    // xref) would be bytes nobody sealed.
    let gap = &pdf[a..b];
    let exact = gap.first() == Some(&b'<')
        && gap.last() == Some(&b'>')
        && hex_bytes(&gap[1..gap.len() - 1]).as_deref() == Some(contents);
    if !exact {
        seal.problems.push(invalid(
            "the bytes its /ByteRange leaves out are not exactly its /Contents (something was put beside the signature)",
        ));
        return seal;
    }
    seal.covers = b + c;
    seal.contents_at = a;
    if seal.covers < pdf.len() {
        seal.problems.push(format!(
            "SEAL-PARTIAL {} bytes were added after the seal (it covers the first {} of {})",
            pdf.len() - seal.covers,
            seal.covers,
            pdf.len()
        ));
    }
    let mut hasher = Sha256::new();
    hasher.update(&pdf[..a]);
    hasher.update(&pdf[b..b + c]);
    let digest = hasher.finalize();
    let Some((data, info, cert)) = parse(contents) else {
        seal.problems.push(invalid(
            "its /Contents is not a CMS SignedData with one signer and its certificate",
        ));
        return seal;
    };
    seal.subject = cert.tbs_certificate.subject.to_string();
    seal.issuer = cert.tbs_certificate.issuer.to_string();
    seal.serial = crate::support::digest::hex(cert.tbs_certificate.serial_number.as_bytes());
    seal.cert_sha256 = crate::support::digest::sha256_bytes(&keys::der(&cert));
    if let Err(why) = signer_holds(&info, &cert, &digest) {
        seal.problems.push(invalid(why));
    }
    if let Some(token) = token_of(&info) {
        let value_digest = Sha256::digest(info.signature.as_bytes());
        seal.timestamp = Some(timestamp(&token, &value_digest, &trust.tsas));
    }
    // Judged when it was applied: at its time-stamp where one holds, else
    // at the time it states.
    let stamped = seal
        .timestamp
        .as_ref()
        .filter(|t| t.problems.is_empty())
        .map(|t| (t.unix, format!("its time-stamp ({})", t.time)));
    let stated = || {
        let at = seal.time.as_deref().and_then(pdf_date)?;
        Some((
            at,
            format!(
                "the time it states ({})",
                seal.time.as_deref().unwrap_or("")
            ),
        ))
    };
    let judged = stamped.or_else(stated);
    if !trusted_at(
        &cert,
        &carried(&data),
        &trust.seals,
        judged.as_ref().map(|(at, _)| *at),
    ) {
        seal.problems.push(format!(
            "SEAL-UNTRUSTED its certificate ({}) is not listed in register/allowed_seals.pem or --trust, nor issued by \
             an authority that is (each certificate of the chain valid when it sealed)",
            seal.subject
        ));
    }
    if let Some((at, what)) = judged {
        let validity = &cert.tbs_certificate.validity;
        if !keys::valid_at(&cert, at) {
            seal.problems.push(invalid(format!(
                "its certificate was not valid at {what}: valid from {} to {}",
                validity.not_before, validity.not_after
            )));
        }
    }
    seal
}

/// A PDF date, "D:20261206212709Z", in seconds since 1970.
fn pdf_date(text: &str) -> Option<i64> {
    let d = text.strip_prefix("D:")?;
    let n = |range: std::ops::Range<usize>| d.get(range)?.parse::<u16>().ok();
    let date = der::DateTime::new(
        n(0..4)?,
        u8::try_from(n(4..6)?).ok()?,
        u8::try_from(n(6..8)?).ok()?,
        u8::try_from(n(8..10).unwrap_or(0)).ok()?,
        u8::try_from(n(10..12).unwrap_or(0)).ok()?,
        u8::try_from(n(12..14).unwrap_or(0)).ok()?,
    )
    .ok()?;
    i64::try_from(date.unix_duration().as_secs()).ok()
}

/// The SignedData, its one SignerInfo and the signer's certificate.
fn parse(contents: &[u8]) -> Option<(SignedData, SignerInfo, Certificate)> {
    // `/Contents` is padded with zeros after the DER.
    let mut reader = der::SliceReader::new(contents).ok()?;
    let info = <ContentInfo as der::Decode>::decode(&mut reader).ok()?;
    let data = info.content.decode_as::<SignedData>().ok()?;
    let signer = data.signer_infos.0.iter().next()?.clone();
    if data.signer_infos.0.len() != 1 {
        return None;
    }
    let cert = signer_cert(&data, &signer)?;
    Some((data, signer, cert))
}

fn carried(data: &SignedData) -> Vec<Certificate> {
    data.certificates
        .as_ref()
        .map(|set| {
            set.0
                .iter()
                .filter_map(|c| match c {
                    cms::cert::CertificateChoices::Certificate(cert) => Some(cert.clone()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

fn signer_cert(data: &SignedData, info: &SignerInfo) -> Option<Certificate> {
    let SignerIdentifier::IssuerAndSerialNumber(id) = &info.sid else {
        return None;
    };
    carried(data).into_iter().find(|c| {
        c.tbs_certificate.issuer == id.issuer && c.tbs_certificate.serial_number == id.serial_number
    })
}

/// The signed attributes state `digest`, and the signature over them is
/// the certificate's key's.
fn signer_holds(info: &SignerInfo, cert: &Certificate, digest: &[u8]) -> Result<(), String> {
    let attrs = info
        .signed_attrs
        .as_ref()
        .ok_or("it has no signed attributes")?;
    let stated = attrs
        .iter()
        .find(|a| a.oid == MESSAGE_DIGEST)
        .and_then(|a| a.values.iter().next())
        .and_then(|v| v.decode_as::<OctetString>().ok())
        .ok_or("it states no message digest")?;
    if stated.as_bytes() != digest {
        return Err(
            "the file's bytes do not match the digest it signed (changed after sealing)".into(),
        );
    }
    let key = keys::public_key(cert).ok_or("its certificate's key is not RSA")?;
    let signed = Sha256::digest(attrs.to_der().map_err(|e| e.to_string())?);
    key.verify(
        Pkcs1v15Sign::new::<Sha256>(),
        &signed,
        info.signature.as_bytes(),
    )
    .map_err(|_| "its signature value does not verify with its certificate's key".to_owned())
}

/// Whether `cert`, or a certificate that issued it (followed through
/// `carried`), is one of `trusted`; each link's signature is checked.
pub fn trusted(cert: &Certificate, carried: &[Certificate], trusted: &[Certificate]) -> bool {
    trusted_at(cert, carried, trusted, None)
}

/// As [`trusted`], every certificate of the chain valid at `at` (seconds
/// since 1970) where given.
pub fn trusted_at(
    cert: &Certificate,
    carried: &[Certificate],
    trusted: &[Certificate],
    at: Option<i64>,
) -> bool {
    let mut current = cert.clone();
    for _ in 0..MAX_CHAIN {
        if at.is_some_and(|t| !keys::valid_at(&current, t)) {
            return false;
        }
        if trusted.iter().any(|t| keys::der(t) == keys::der(&current)) {
            return true;
        }
        let issuer = trusted.iter().chain(carried).find(|i| {
            i.tbs_certificate.subject == current.tbs_certificate.issuer && issued(i, &current)
        });
        match issuer {
            Some(i) if trusted.iter().any(|t| keys::der(t) == keys::der(i)) => return true,
            Some(i) if keys::der(i) != keys::der(&current) => current = i.clone(),
            _ => return false,
        }
    }
    false
}

/// Whether `issuer`, a certification authority (basicConstraints
/// cA), signed `cert` with its key (sha256WithRSAEncryption). A seal's
/// own certificate in the trust list never vouches for another.
fn issued(issuer: &Certificate, cert: &Certificate) -> bool {
    if cert.signature_algorithm.oid != SHA256_WITH_RSA || !is_ca(issuer) {
        return false;
    }
    let (Some(key), Ok(tbs)) = (keys::public_key(issuer), cert.tbs_certificate.to_der()) else {
        return false;
    };
    let Some(signature) = cert.signature.as_bytes() else {
        return false;
    };
    key.verify(
        Pkcs1v15Sign::new::<Sha256>(),
        &Sha256::digest(tbs),
        signature,
    )
    .is_ok()
}

/// Whether `cert` may stamp time: extendedKeyUsage timeStamping (RFC 3161
/// 2.3 makes it the only purpose, critical).
fn is_tsa(cert: &Certificate) -> bool {
    use der::oid::AssociatedOid;
    use x509_cert::ext::pkix::ExtendedKeyUsage;
    const TIME_STAMPING: der::oid::ObjectIdentifier =
        der::oid::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.8");
    cert.tbs_certificate
        .extensions
        .iter()
        .flatten()
        .filter(|e| e.extn_id == ExtendedKeyUsage::OID)
        .filter_map(|e| ExtendedKeyUsage::from_der(e.extn_value.as_bytes()).ok())
        .any(|u| u.0.contains(&TIME_STAMPING))
}

fn is_ca(cert: &Certificate) -> bool {
    use der::oid::AssociatedOid;
    use x509_cert::ext::pkix::BasicConstraints;
    cert.tbs_certificate
        .extensions
        .iter()
        .flatten()
        .filter(|e| e.extn_id == BasicConstraints::OID)
        .filter_map(|e| BasicConstraints::from_der(e.extn_value.as_bytes()).ok())
        .any(|b| b.ca)
}

fn token_of(info: &SignerInfo) -> Option<ContentInfo> {
    info.unsigned_attrs
        .as_ref()?
        .iter()
        .find(|a| a.oid == TIME_STAMP_TOKEN)?
        .values
        .iter()
        .next()?
        .decode_as::<ContentInfo>()
        .ok()
}

/// A time-stamp token checked: it stamps `digest`, its TSA's signature
/// holds, and the TSA chains to `trusted`.
pub fn timestamp(token: &ContentInfo, digest: &[u8], trusted_tsas: &[Certificate]) -> Stamp {
    let mut stamp = Stamp {
        time: String::new(),
        unix: 0,
        tsa: String::new(),
        problems: Vec::new(),
    };
    let bad = |why: &str| format!("TIMESTAMP-INVALID {why}");
    let Some(info) = crate::support::pki::tst_info(token) else {
        stamp.problems.push(bad("it is not an RFC 3161 token"));
        return stamp;
    };
    stamp.time = info.gen_time.to_date_time().to_string();
    stamp.unix = i64::try_from(info.gen_time.to_unix_duration().as_secs()).unwrap_or(0);
    if info.message_imprint.hashed_message.as_bytes() != digest {
        stamp.problems.push(bad("it stamps other data"));
    }
    let Ok(data) = token.content.decode_as::<SignedData>() else {
        stamp.problems.push(bad("it is not a SignedData"));
        return stamp;
    };
    let Some(signer) = data.signer_infos.0.iter().next() else {
        stamp.problems.push(bad("it has no signer"));
        return stamp;
    };
    let Some(cert) = signer_cert(&data, signer) else {
        stamp
            .problems
            .push(bad("it does not carry its TSA's certificate"));
        return stamp;
    };
    stamp.tsa = cert.tbs_certificate.subject.to_string();
    let content = data
        .encap_content_info
        .econtent
        .as_ref()
        .and_then(|c| c.decode_as::<OctetString>().ok());
    let content_digest = content
        .map(|c| Sha256::digest(c.as_bytes()).to_vec())
        .unwrap_or_default();
    if let Err(why) = signer_holds(signer, &cert, &content_digest) {
        stamp.problems.push(bad(&why));
    }
    if !is_tsa(&cert) {
        stamp.problems.push(bad(&format!(
            "its signer ({}) is not a time-stamping authority (no extendedKeyUsage timeStamping)",
            stamp.tsa
        )));
    }
    if !trusted_at(&cert, &carried(&data), trusted_tsas, Some(stamp.unix)) {
        stamp.problems.push(bad(&format!(
            "its TSA ({}) does not chain to register/allowed_tsa.pem or --trust, or a certificate of the chain was not valid at {}",
            stamp.tsa, stamp.time
        )));
    }
    stamp
}

/// The certificates of a PEM file, where it exists (none where it does
/// not: nothing is trusted).
pub fn trust_file(path: &std::path::Path) -> Result<Vec<Certificate>, String> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    keys::certificates(path).map_err(|e| e.to_string())
}

/// The token of a DER `TimeStampResp` (`manifest.tsr`) that grants one.
pub fn token_of_response(bytes: &[u8]) -> Option<ContentInfo> {
    let reply = x509_tsp::TimeStampResp::from_der(bytes).ok()?;
    (reply.status.status as u8 <= 1)
        .then_some(reply.time_stamp_token)
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_read_as_utc_seconds() {
        assert_eq!(pdf_date("D:19700101000000Z"), Some(0));
        assert_eq!(pdf_date("D:20241231120000Z"), Some(1_735_646_400));
        assert_eq!(pdf_date("2024"), None);
    }

    #[test]
    fn signature_dictionaries_are_found_by_their_byte_range() {
        let pdf = b"%PDF-1.7\n1 0 obj\n<</Type/Sig/M <443A32303234313233313132303030305A>/ByteRange [0 10 20 5]/Contents <3082>>>\nendobj\n";
        let at = find_all(pdf, b"/ByteRange").next().unwrap();
        let (range, contents, time) = signature_at(pdf, at).unwrap();
        assert_eq!(range, [0, 10, 20, 5]);
        assert_eq!(contents, [0x30, 0x82]);
        assert_eq!(time.as_deref(), Some("D:20241231120000Z"));
    }
}
