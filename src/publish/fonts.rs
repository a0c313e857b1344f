//! The Noto fonts for scripts Libertinus Serif lacks: Arabic (and
//! Persian), Chinese, Japanese and Korean, Georgian, Armenian. They come
//! from Debian's `fonts-noto-core` and `fonts-noto-cjk` packages, pinned by
//! file digest, and are provisioned like typst: once per machine into the
//! cache folder, from the system's copy when it has the same files, else
//! from the packages (`apt-get download`, no root needed). Too large to
//! ship with the templates (the CJK collections are 53 MB); typst subsets
//! them, so a PDF grows only by the glyphs it uses. The manifest lists them
//! by digest, so a build can be reproduced with the same fonts.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::publish::cache;
use crate::support::digest;

/// A font file the templates use, as Debian ships it.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct FontFile {
    pub file: &'static str,
    /// `fonts-noto-core=20201225-1`: the package and version it comes from.
    pub package: &'static str,
    /// The path in the package (and on a system that has it installed).
    #[serde(skip)]
    pub installed: &'static str,
    pub sha256: &'static str,
}

const CORE: &str = "fonts-noto-core=20201225-1";
const CJK: &str = "fonts-noto-cjk=1:20220127+repack1-1";

/// The pinned files. `scripts/gen-coverage.py` derives from them the table
/// of characters `check` accepts (src/register/generated/noto.rs).
pub const NOTO: &[FontFile] = &[
    FontFile {
        file: "NotoNaskhArabic-Regular.ttf",
        package: CORE,
        installed: "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
        sha256: "8c67eaa2f0086872628fc3f7f760386f83c8be5c5e9a1ba3a38891237b2ac7cb",
    },
    FontFile {
        file: "NotoNaskhArabic-Bold.ttf",
        package: CORE,
        installed: "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Bold.ttf",
        sha256: "b5cbcb561b4b540ff11d7b6934577dbbbbb9e1d152d47f6f31f19176d58ff39c",
    },
    FontFile {
        file: "NotoSerifGeorgian-Regular.ttf",
        package: CORE,
        installed: "/usr/share/fonts/truetype/noto/NotoSerifGeorgian-Regular.ttf",
        sha256: "4489ca2f28b4a79b16bc8ba6a857a8cd14857e04a14b8fa1031b7b84a00fe537",
    },
    FontFile {
        file: "NotoSerifGeorgian-Bold.ttf",
        package: CORE,
        installed: "/usr/share/fonts/truetype/noto/NotoSerifGeorgian-Bold.ttf",
        sha256: "635bc1529b2ca28dfc694aa7cd1e9960c04fdfcde99ee5b7f7b34761d37259fe",
    },
    FontFile {
        file: "NotoSerifArmenian-Regular.ttf",
        package: CORE,
        installed: "/usr/share/fonts/truetype/noto/NotoSerifArmenian-Regular.ttf",
        sha256: "9b6f1837a89ede5f9404bb5975539dbac8eff23e262fc3e459cba029f30292f4",
    },
    FontFile {
        file: "NotoSerifArmenian-Bold.ttf",
        package: CORE,
        installed: "/usr/share/fonts/truetype/noto/NotoSerifArmenian-Bold.ttf",
        sha256: "fea8914af4f165301e619655e1e5fa447c65c08077010c8153bfe2d599d85bc1",
    },
    FontFile {
        file: "NotoSerifCJK-Regular.ttc",
        package: CJK,
        installed: "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
        sha256: "a04178ec485dffdff7cc0c0c20e1fce9202d7e2160d805e8e44a4c8841c58481",
    },
    FontFile {
        file: "NotoSerifCJK-Bold.ttc",
        package: CJK,
        installed: "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
        sha256: "a5d4b046c127da3d7c72f98b46c41489cd29bf52abfdf18aba920903e920d4ac",
    },
];

/// The cache folder's name: it changes when the pinned files do.
pub const FOLDER: &str = "fonts-noto-20201225-20220127";
/// Written once every file's digest has been checked.
const VERIFIED: &str = ".verified";

/// The folder holding the pinned Noto fonts, provisioning them first when
/// needed. `say` receives progress messages for the user.
pub fn locate(say: &mut dyn FnMut(&str)) -> Result<PathBuf> {
    let cache = cache::cache_dir().ok_or(Error::NoCacheDir)?;
    let dir = cache.join(FOLDER);
    if dir.join(VERIFIED).is_file() {
        return Ok(dir);
    }
    let _lock = cache::install_lock(&cache, FOLDER, "the Noto fonts", say)?;
    if dir.join(VERIFIED).is_file() {
        return Ok(dir);
    }
    provision(&cache, &dir, say)?;
    Ok(dir)
}

/// Fills `dir` (through a temporary folder renamed into place, so a killed
/// run leaves nothing half made).
fn provision(cache: &Path, dir: &Path, say: &mut dyn FnMut(&str)) -> Result<()> {
    let staging = tempfile::Builder::new()
        .prefix(".fonts-")
        .tempdir_in(cache)
        .map_err(|source| Error::Write {
            path: cache.to_path_buf(),
            source,
        })?;
    let missing: Vec<&FontFile> = NOTO
        .iter()
        .filter(|f| !copy_if_pinned(Path::new(f.installed), &staging.path().join(f.file), f))
        .collect();
    if !missing.is_empty() {
        let mut packages: Vec<&str> = missing.iter().map(|f| f.package).collect();
        packages.dedup();
        say(&format!(
            "installing the Noto fonts for Arabic, CJK, Georgian and Armenian into {} from Debian's {} (once per machine)",
            dir.display(),
            packages.join(" and ")
        ));
        let unpacked = download(&packages, staging.path())?;
        for f in missing {
            let from = unpacked.join(f.installed.trim_start_matches('/'));
            if !copy_if_pinned(&from, &staging.path().join(f.file), f) {
                return Err(Error::Fonts {
                    message: format!(
                        "{} from {} is not the pinned file (SHA-256 {})",
                        f.file, f.package, f.sha256
                    ),
                });
            }
        }
        let _ = fs::remove_dir_all(&unpacked);
    }
    let marker = staging.path().join(VERIFIED);
    fs::write(&marker, "").map_err(|source| Error::Write {
        path: marker,
        source,
    })?;
    let staged = staging.keep();
    let _ = fs::remove_dir_all(dir);
    fs::rename(&staged, dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })
}

/// Copies `from` to `to` if it is the pinned file.
fn copy_if_pinned(from: &Path, to: &Path, f: &FontFile) -> bool {
    digest::sha256_file(from).is_ok_and(|d| d == f.sha256) && fs::copy(from, to).is_ok()
}

/// Downloads `packages` with apt-get (as any user) and unpacks them with
/// dpkg-deb into a folder of `into`.
fn download(packages: &[&str], into: &Path) -> Result<PathBuf> {
    let debs = into.join("debs");
    let unpacked = into.join("unpacked");
    for d in [&debs, &unpacked] {
        fs::create_dir_all(d).map_err(|source| Error::Write {
            path: d.clone(),
            source,
        })?;
    }
    let command = format!("apt-get download {}", packages.join(" "));
    // apt-get's own chatter (it warns when run as root) is shown only
    // when the download fails.
    let output = Command::new("apt-get")
        .arg("download")
        .args(packages)
        .current_dir(&debs)
        .stdin(Stdio::null())
        .output();
    if !output.as_ref().is_ok_and(|o| o.status.success()) {
        let said = output
            .map(|o| String::from_utf8_lossy(&o.stderr).trim().to_owned())
            .unwrap_or_default();
        return Err(Error::Fonts {
            message: format!(
                "`{command}` failed ({said}); install the packages (`apt-get install {}`) or copy the files listed in docs/fonts.md into {}",
                packages
                    .iter()
                    .map(|p| p.split('=').next().unwrap_or(p))
                    .collect::<Vec<_>>()
                    .join(" "),
                cache::cache_dir()
                    .unwrap_or_default()
                    .join(FOLDER)
                    .display()
            ),
        });
    }
    let entries = fs::read_dir(&debs).map_err(|source| Error::Read {
        path: debs.clone(),
        source,
    })?;
    for deb in entries.flatten() {
        let ok = Command::new("dpkg-deb")
            .arg("-x")
            .arg(deb.path())
            .arg(&unpacked)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            return Err(Error::Fonts {
                message: format!("`dpkg-deb -x {}` failed", deb.path().display()),
            });
        }
    }
    let _ = fs::remove_dir_all(&debs);
    Ok(unpacked)
}
