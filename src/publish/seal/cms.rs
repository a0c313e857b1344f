//! The CMS `SignedData` of a PAdES seal (ETSI EN 319 142-1, baseline B-B
//! and B-T): detached (`ETSI.CAdES.detached`), one SignerInfo, signed
//! attributes content-type, message-digest and signing-certificate-v2
//! only — no signing-time: PAdES puts the time in the signature
//! dictionary's `/M` — and, for B-T, an RFC 3161 token over the signature
//! value as an unsigned attribute.
//!
//! Built field by field from RustCrypto's types, because the `cms`
//! builder (like OpenSSL's `cms -sign`) always adds a signing-time.

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use der::asn1::{Any, OctetString, SetOfVec};
use der::oid::ObjectIdentifier;
use der::{Decode, Encode, Sequence};
use rsa::Pkcs1v15Sign;
use sha2_010::{Digest, Sha256};
use x509_cert::attr::Attribute;
use x509_cert::spki::AlgorithmIdentifierOwned;

use super::keys::SealKey;
pub use crate::support::pki::{
    CONTENT_TYPE, ID_DATA, ID_SHA256, ID_SIGNED_DATA, MESSAGE_DIGEST, RSA_ENCRYPTION,
    SHA256_WITH_RSA, SIGNING_CERTIFICATE_V2, SIGNING_TIME, TIME_STAMP_TOKEN,
};

/// `ESSCertIDv2` (RFC 5035) with the default hash, SHA-256, left out as
/// DER requires, and no `issuerSerial` (EN 319 122-1 advises against it).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct EssCertIdV2 {
    pub cert_hash: OctetString,
}

/// `SigningCertificateV2` without policies.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct SigningCertificateV2 {
    pub certs: Vec<EssCertIdV2>,
}

/// SHA-256 with no parameters.
pub fn sha256_algorithm() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: ID_SHA256,
        parameters: None,
    }
}

fn attribute(oid: ObjectIdentifier, value: Any) -> der::Result<Attribute> {
    Ok(Attribute {
        oid,
        values: SetOfVec::try_from(vec![value])?,
    })
}

/// The signed attributes over content whose SHA-256 is `digest`.
fn signed_attributes(digest: &[u8], seal: &SealKey) -> der::Result<SetOfVec<Attribute>> {
    let cert_hash = Sha256::digest(seal.cert.to_der()?);
    let signing_certificate = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            cert_hash: OctetString::new(cert_hash.to_vec())?,
        }],
    };
    SetOfVec::try_from(vec![
        attribute(CONTENT_TYPE, Any::encode_from(&ID_DATA)?)?,
        attribute(
            MESSAGE_DIGEST,
            Any::encode_from(&OctetString::new(digest)?)?,
        )?,
        attribute(
            SIGNING_CERTIFICATE_V2,
            Any::encode_from(&signing_certificate)?,
        )?,
    ])
}

/// Asks a time-stamping authority for a token over a SHA-256 digest.
pub type Stamper<'a> = &'a dyn Fn(&[u8]) -> crate::error::Result<ContentInfo>;

/// The DER `ContentInfo` of a detached seal over content whose SHA-256 is
/// `digest`. `timestamp` is asked for a token over the signature value
/// (B-T), given the SHA-256 of that value.
pub fn seal(
    digest: &[u8],
    seal: &SealKey,
    timestamp: Option<Stamper>,
) -> crate::error::Result<Vec<u8>> {
    let encoding = |e: der::Error| crate::error::Error::Signing {
        message: format!("the seal could not be encoded ({e})"),
        hint: "this is a bug of treaty-register; please report it".into(),
    };
    let attrs = signed_attributes(digest, seal).map_err(encoding)?;
    let to_sign = Sha256::digest(attrs.to_der().map_err(encoding)?);
    let signature = seal
        .key
        .sign(Pkcs1v15Sign::new::<Sha256>(), &to_sign)
        .map_err(|e| crate::error::Error::Signing {
            message: format!("the seal key could not sign ({e})"),
            hint: "check that --seal-key is the RSA key of --seal-cert".into(),
        })?;
    let unsigned = match timestamp {
        Some(ask) => {
            let token = ask(&Sha256::digest(&signature))?;
            let token = Any::encode_from(&token).map_err(encoding)?;
            Some(
                SetOfVec::try_from(vec![attribute(TIME_STAMP_TOKEN, token).map_err(encoding)?])
                    .map_err(encoding)?,
            )
        }
        None => None,
    };
    let info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: seal.cert.tbs_certificate.issuer.clone(),
            serial_number: seal.cert.tbs_certificate.serial_number.clone(),
        }),
        digest_alg: sha256_algorithm(),
        signed_attrs: Some(attrs),
        signature_algorithm: AlgorithmIdentifierOwned {
            oid: RSA_ENCRYPTION,
            parameters: Some(Any::null()),
        },
        signature: OctetString::new(signature).map_err(encoding)?,
        unsigned_attrs: unsigned,
    };
    let certificates = std::iter::once(&seal.cert)
        .chain(&seal.chain)
        .map(|c| CertificateChoices::Certificate(c.clone()))
        .collect::<Vec<_>>();
    let data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![sha256_algorithm()]).map_err(encoding)?,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: ID_DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet(
            SetOfVec::try_from(certificates).map_err(encoding)?,
        )),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::try_from(vec![info]).map_err(encoding)?),
    };
    ContentInfo {
        content_type: ID_SIGNED_DATA,
        content: Any::encode_from(&data).map_err(encoding)?,
    }
    .to_der()
    .map_err(encoding)
}

/// A DER `ContentInfo` read back.
pub fn content_info(der_bytes: &[u8]) -> der::Result<ContentInfo> {
    ContentInfo::from_der(der_bytes)
}
