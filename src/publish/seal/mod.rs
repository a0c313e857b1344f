//! PAdES seals (`--seal-key KEY.pem --seal-cert CERT.pem [--seal-chain
//! CHAIN.pem] [--tsa URL]`): an X.509 signature inside each PDF that PDF
//! readers, courts and archives check, baseline B-B, or B-T with an
//! RFC 3161 time-stamp, added as an incremental update so the bytes
//! before it stay the reproducible PDF. The contract is
//! `shared/design/seals.md`.

pub mod cms;
pub mod keys;
pub mod pdf;
pub mod tsa;

use crate::error::Result;

pub use keys::{SealFiles, SealKey};

/// What seals the PDFs of one run: the key, the time it seals at and the
/// TSA to stamp it.
pub struct Sealer {
    pub key: SealKey,
    pub tsa: Option<String>,
    /// The certificates `register/allowed_tsa.pem` trusts: a token from
    /// any other authority is refused before anything is written.
    pub tsa_trust: Vec<x509_cert::Certificate>,
    /// Seconds since the epoch.
    pub now: u64,
}

impl Sealer {
    /// Reads and checks the seal (see [`keys::load`]) for sealing now.
    pub fn new(
        files: &SealFiles,
        tsa: Option<String>,
        tsa_trust: Vec<x509_cert::Certificate>,
    ) -> Result<Sealer> {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Ok(Sealer {
            key: keys::load(files, now)?,
            tsa,
            tsa_trust,
            now,
        })
    }

    /// The seal's certificate as `manifest.json` names it.
    pub fn info(&self) -> crate::audit::manifest::SealInfo {
        let tbs = &self.key.cert.tbs_certificate;
        crate::audit::manifest::SealInfo {
            subject: tbs.subject.to_string(),
            issuer: tbs.issuer.to_string(),
            serial: crate::support::digest::hex(tbs.serial_number.as_bytes()),
            sha256: crate::support::digest::sha256_bytes(&keys::der(&self.key.cert)),
        }
    }

    /// `pdf` sealed; `description` is what a reader's assistive
    /// technology says of the (invisible) seal.
    pub fn seal(&self, pdf: &[u8], description: &str) -> Result<Vec<u8>> {
        let certificates: usize = std::iter::once(&self.key.cert)
            .chain(&self.key.chain)
            .map(|c| keys::der(c).len())
            .sum();
        // A token carries the TSA's certificates and its own signature.
        let reserve = 4096 + certificates + if self.tsa.is_some() { 16384 } else { 0 };
        let time = pdf_time(self.now);
        let sealing = pdf::Sealing {
            time: &time,
            description,
            reserve,
        };
        let tsa = self.tsa.as_deref();
        pdf::seal(pdf, &sealing, |digest| {
            let stamp = |value_digest: &[u8]| {
                let token = tsa::token(tsa.unwrap_or_default(), value_digest)?;
                trusted_token(
                    &token,
                    value_digest,
                    &self.tsa_trust,
                    tsa.unwrap_or_default(),
                )?;
                Ok(token)
            };
            cms::seal(digest, &self.key, tsa.map(|_| &stamp as cms::Stamper))
        })
    }
}

/// Refuses a token `verify` would refuse: over other data, badly signed,
/// or from an authority `trust` (`register/allowed_tsa.pem`) does not
/// trust.
pub fn trusted_token(
    token: &::cms::content_info::ContentInfo,
    digest: &[u8],
    trust: &[x509_cert::Certificate],
    url: &str,
) -> Result<()> {
    let stamp = crate::audit::seal::timestamp(token, digest, trust);
    match stamp.problems.first() {
        None => Ok(()),
        Some(problem) => Err(crate::error::Error::Signing {
            message: format!(
                "the time-stamp of {url} would not pass `verify`: {}; nothing was written",
                problem.trim_start_matches("TIMESTAMP-INVALID ")
            ),
            hint: "put the certificate of the authority's root in register/allowed_tsa.pem (PEM), or use a \
                   time-stamping authority the register trusts"
                .into(),
        }),
    }
}

/// What assistive technology says of a seal in `language`: "Electronic
/// seal of <authority>" (the register's title where no authority is
/// recorded).
pub fn description(authority: &str, language: &str) -> String {
    let loc = crate::publish::locale::get(language)
        .or_else(|| crate::publish::locale::get("en"))
        .expect("the English catalogue is built in");
    loc.fill(
        "seal-description",
        &crate::args!(authority = authority.to_owned()),
    )
}

/// Seals the PDF `file` of `spool` (typeset now, or taken from the last
/// build, whose seal is replaced): its entry.
pub fn spooled(
    sealer: &Sealer,
    spool: &crate::publish::spool::Spool,
    file: &str,
    description: &str,
) -> Result<crate::publish::spool::Entry> {
    let path = spool.path(file);
    let io = |source| crate::error::Error::Write {
        path: path.clone(),
        source,
    };
    let bytes = std::fs::read(&path).map_err(io)?;
    let sealed = sealer.seal(pdf::unsealed(&bytes).unwrap_or(&bytes), description)?;
    // The spooled file may be a hard link to the live one: unlink, never
    // write through it.
    std::fs::remove_file(&path).map_err(io)?;
    spool.write(file, &sealed)
}

/// A PDF date in UTC: `D:20241231120000Z`.
pub fn pdf_time(secs: u64) -> String {
    let t = der::DateTime::from_unix_duration(std::time::Duration::from_secs(secs))
        .unwrap_or(der::DateTime::INFINITY);
    format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}Z",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minutes(),
        t.seconds()
    )
}
