//! RFC 3161 time-stamps: a request for a token over a SHA-256 digest,
//! sent to the time-stamping authority by HTTP POST
//! (`application/timestamp-query`), and the token taken from its reply
//! once it is checked to stamp that digest. A token is signed by the
//! TSA, so TSAs serve plain HTTP; an `https://` TSA is refused for now.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use cms::content_info::ContentInfo;
use der::asn1::{Int, OctetString};
use der::{Decode, Encode};
use x509_tsp::{MessageImprint, TimeStampReq, TimeStampResp, TspVersion};

use crate::error::{Error, Result};
pub use crate::support::pki::tst_info;

fn failed(url: &str, why: String) -> Error {
    Error::Signing {
        message: format!("the time-stamping authority {url} gave no token: {why}"),
        hint: "check --tsa (an RFC 3161 service, e.g. http://tsa.example/tsr) and the network; nothing was written"
            .into(),
    }
}

/// A token from the TSA at `url` over `digest` (SHA-256).
pub fn token(url: &str, digest: &[u8]) -> Result<ContentInfo> {
    Ok(response(url, digest)?.1)
}

/// The TSA's whole reply (DER `TimeStampResp`, what `openssl ts -verify
/// -in` reads) over `digest`, and the token in it.
pub fn response(url: &str, digest: &[u8]) -> Result<(Vec<u8>, ContentInfo)> {
    let nonce = nonce();
    let request = TimeStampReq {
        version: TspVersion::V1,
        message_imprint: MessageImprint {
            hash_algorithm: x509_cert::spki::AlgorithmIdentifier {
                oid: super::cms::ID_SHA256,
                parameters: None,
            },
            hashed_message: OctetString::new(digest).map_err(|e| failed(url, e.to_string()))?,
        },
        req_policy: None,
        nonce: Some(Int::new(&nonce).map_err(|e| failed(url, e.to_string()))?),
        cert_req: true,
        extensions: None,
    }
    .to_der()
    .map_err(|e| failed(url, e.to_string()))?;
    let body = post(url, &request).map_err(|e| failed(url, e))?;
    let reply = TimeStampResp::from_der(&body)
        .map_err(|e| failed(url, format!("its reply is not a time-stamp response ({e})")))?;
    let status = reply.status.status as u8;
    if status > 1 {
        return Err(failed(
            url,
            format!("it refused the request (PKIStatus {status})"),
        ));
    }
    let token = reply
        .time_stamp_token
        .ok_or_else(|| failed(url, "its reply holds no token".into()))?;
    let info = tst_info(&token).ok_or_else(|| failed(url, "its token holds no TSTInfo".into()))?;
    if info.message_imprint.hashed_message.as_bytes() != digest {
        return Err(failed(url, "its token stamps other data".into()));
    }
    if info.nonce.as_ref().map(|n| n.as_bytes())
        != Some(
            Int::new(&nonce)
                .map_err(|e| failed(url, e.to_string()))?
                .as_bytes(),
        )
    {
        return Err(failed(
            url,
            "its token answers another request (nonce)".into(),
        ));
    }
    Ok((body, token))
}

/// The time of the token in a DER reply, RFC 3339 UTC.
pub fn time_of_response(reply: &[u8]) -> Option<String> {
    let token = crate::audit::seal::token_of_response(reply)?;
    Some(tst_info(&token)?.gen_time.to_date_time().to_string())
}

/// Eight bytes no two requests share (the clock's nanoseconds and the
/// process), with the top bit clear so the INTEGER stays positive.
fn nonce() -> [u8; 8] {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let mixed = nanos ^ (u64::from(std::process::id()) << 40);
    let mut bytes = mixed.to_be_bytes();
    bytes[0] &= 0x7f;
    bytes[0] |= 0x01;
    bytes
}

/// The body of the reply to an HTTP/1.1 POST of `body` to `url`.
fn post(url: &str, body: &[u8]) -> std::result::Result<Vec<u8>, String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| "only http:// time-stamping authorities are supported (tokens are signed, so TSAs serve HTTP)".to_owned())?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let address = if authority.contains(':') {
        authority.to_owned()
    } else {
        format!("{authority}:80")
    };
    let mut stream = connect(&address)?;
    let timeout = Some(Duration::from_secs(30));
    stream
        .set_read_timeout(timeout)
        .and_then(|()| stream.set_write_timeout(timeout))
        .map_err(|e| e.to_string())?;
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {authority}\r\nContent-Type: application/timestamp-query\r\nAccept: application/timestamp-reply\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(body))
        .map_err(|e| e.to_string())?;
    let reply = read_until(&mut stream, std::time::Instant::now() + DEADLINE)?;
    let split = reply
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("its reply is not HTTP")?;
    let head = String::from_utf8_lossy(&reply[..split]).to_string();
    let status = head.split_whitespace().nth(1).unwrap_or("");
    if status != "200" {
        return Err(format!("it answered HTTP {status}"));
    }
    let body = reply[split + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        return dechunk(&body).ok_or_else(|| "its chunked reply is malformed".to_owned());
    }
    Ok(body)
}

/// A connection to `address`, each of its addresses tried for 30 s at most.
fn connect(address: &str) -> std::result::Result<TcpStream, String> {
    use std::net::ToSocketAddrs;
    let failed = |e: std::io::Error| format!("cannot connect to {address} ({e})");
    let mut last = None;
    for at in address.to_socket_addrs().map_err(failed)? {
        match TcpStream::connect_timeout(&at, Duration::from_secs(30)) {
            Ok(stream) => return Ok(stream),
            Err(e) => last = Some(e),
        }
    }
    Err(failed(last.unwrap_or_else(|| {
        std::io::Error::new(std::io::ErrorKind::NotFound, "no address")
    })))
}

/// How long a TSA has to answer, in all: a read timeout alone would let a
/// server that trickles a byte at a time hold the command for ever.
const DEADLINE: Duration = Duration::from_secs(60);

/// The whole reply, up to 16 MiB, read before `deadline`.
fn read_until(
    stream: &mut TcpStream,
    deadline: std::time::Instant,
) -> std::result::Result<Vec<u8>, String> {
    let mut reply = Vec::new();
    let mut buffer = [0u8; 16 << 10];
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return Err(format!("it did not answer within {} s", DEADLINE.as_secs()));
        }
        stream
            .set_read_timeout(Some(left))
            .map_err(|e| e.to_string())?;
        match stream.read(&mut buffer) {
            Ok(0) => return Ok(reply),
            Ok(n) if reply.len() + n > 16 << 20 => {
                return Err("its reply is larger than 16 MiB".to_owned());
            }
            Ok(n) => reply.extend_from_slice(&buffer[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.to_string()),
        }
    }
}

fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = body.windows(2).position(|w| w == b"\r\n")?;
        let size = usize::from_str_radix(
            std::str::from_utf8(&body[..line_end])
                .ok()?
                .split(';')
                .next()?
                .trim(),
            16,
        )
        .ok()?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size + 2..)?;
    }
}
