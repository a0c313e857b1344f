#!/usr/bin/env bash
# The tests' own PKI, made with openssl in DIR: a root (root.pem), the
# department's seal (seal.key, seal.pem: RSA 2048 issued by the root), a
# time-stamping authority (tsa.key, tsa.pem: critical extendedKeyUsage
# timeStamping, issued by the root), another root that trusts nothing of
# ours (other-root.pem), the seal as PKCS#12 (seal.p12, passphrase s3cret), an EC key (ec.key),
# the seal key encrypted (seal-encrypted.key), a 1024-bit key (small.key), and a seal certificate that
# has expired (expired.pem, for seal.key, made with Python's cryptography,
# which pyHanko brings: openssl 3.0 cannot back-date a certificate).
set -euo pipefail
cd "$1"
req() { openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "$2" 2>/dev/null; }
openssl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem -days 3650 \
  -subj "/C=KZ/O=Test Root/CN=Test Root CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
req seal "/C=KZ/O=Ministry of Foreign Affairs/CN=Treaty Department Seal"
printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n' > seal.ext
openssl x509 -req -in seal.csr -CA root.pem -CAkey root.key -CAcreateserial -out seal.pem -days 825 -extfile seal.ext 2>/dev/null
req tsa "/C=KZ/O=Test TSA/CN=Test Time-Stamping Authority"
printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nextendedKeyUsage=critical,timeStamping\n' > tsa.ext
openssl x509 -req -in tsa.csr -CA root.pem -CAkey root.key -CAcreateserial -out tsa.pem -days 825 -extfile tsa.ext 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout other-root.key -out other-root.pem -days 3650 \
  -subj "/C=KZ/O=Other/CN=Other Root CA" 2>/dev/null
# A seal issued by an intermediate CA (issuing.pem, issued by the root):
# seal2.key, seal2.pem; the chain to give with --seal-chain is issuing.pem.
req issuing "/C=KZ/O=Test Root/CN=Test Seal Issuing CA"
printf 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n' > issuing.ext
openssl x509 -req -in issuing.csr -CA root.pem -CAkey root.key -CAcreateserial -out issuing.pem -days 1825 -extfile issuing.ext 2>/dev/null
req seal2 "/C=KZ/O=Ministry of Foreign Affairs/CN=Treaty Department Seal 2"
openssl x509 -req -in seal2.csr -CA issuing.pem -CAkey issuing.key -CAcreateserial -out seal2.pem -days 825 -extfile seal.ext 2>/dev/null
# The seal as a certification authority delivers it: PKCS#12 with its chain.
openssl pkcs12 -export -inkey seal.key -in seal.pem -certfile root.pem -passout pass:s3cret -out seal.p12 2>/dev/null
openssl ecparam -name prime256v1 -genkey -noout -out ec.key 2>/dev/null
# The seal key as a key kept on disk should be: encrypted PKCS#8
# (passphrase s3cret); and a key too short to seal with (small.key).
openssl pkcs8 -topk8 -v2 aes-256-cbc -in seal.key -out seal-encrypted.key -passout pass:s3cret 2>/dev/null
openssl genrsa -out small.key 1024 2>/dev/null
python3 - <<'PY'
import datetime
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
key = serialization.load_pem_private_key(open("seal.key", "rb").read(), None)
root_key = serialization.load_pem_private_key(open("root.key", "rb").read(), None)
root = x509.load_pem_x509_certificate(open("root.pem", "rb").read())
name = x509.Name.from_rfc4514_string("CN=Expired Seal,O=Ministry of Foreign Affairs,C=KZ")
cert = (x509.CertificateBuilder().subject_name(name).issuer_name(root.subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(datetime.datetime(2020, 1, 1))
        .not_valid_after(datetime.datetime(2021, 1, 1))
        .sign(root_key, hashes.SHA256()))
open("expired.pem", "wb").write(cert.public_bytes(serialization.Encoding.PEM))
PY
