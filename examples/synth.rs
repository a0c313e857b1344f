//! Generates a synthetic register project for benchmarks and scale tests:
//! deterministic for a given seed, valid, and shaped like a real register —
//! varied types and levels, parties from the ISO list, relations between
//! entries and to outside instruments, Cyrillic titles, sources, notes, and
//! optional attachment files.
//!
//! cargo run --release --example synth -- --count 10000 [--attachments 1G] [--seed 1] DIR

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use treaty_register::add::{
    Draft, DraftFile, DraftParty, DraftRelation, DraftSignatory, DraftSource, DraftTarget,
    DraftTerm, to_yaml,
};
use treaty_register::init::{self, NewRegister};
use treaty_register::model::{InstrumentType, Level};

/// splitmix64: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const SUBJECTS: &[(&str, &str, &str)] = &[
    ("trade", "торговли", "сауда"),
    ("transport", "транспорта", "көлік"),
    ("agriculture", "сельского хозяйства", "ауыл шаруашылығы"),
    ("health", "здравоохранения", "денсаулық сақтау"),
    ("education", "образования", "білім беру"),
    ("culture", "культуры", "мәдениет"),
    ("energy", "энергетики", "энергетика"),
    ("water resources", "водных ресурсов", "су ресурстары"),
    ("border", "границы", "шекара"),
    ("customs", "таможенного дела", "кеден ісі"),
    ("science", "науки", "ғылым"),
    ("tourism", "туризма", "туризм"),
    ("investment", "инвестиций", "инвестициялар"),
    (
        "environmental protection",
        "охраны окружающей среды",
        "қоршаған ортаны қорғау",
    ),
];

const PLACES: &[&str] = &[
    "Astana",
    "Tashkent",
    "Almaty",
    "Samarkand",
    "Bishkek",
    "Dushanbe",
    "Moscow",
    "Beijing",
    "Geneva",
    "New York",
];
const STATUSES: &[&str] = &[
    "signed",
    "in-force",
    "in-force",
    "in-force",
    "provisionally-applied",
    "expired",
    "terminated",
    "superseded",
];
const KINDS: &[&str] = &["amends", "supplements", "replaces", "implements"];

struct Options {
    count: usize,
    attachments: u64,
    seed: u64,
    dir: PathBuf,
}

fn parse_size(text: &str) -> Option<u64> {
    let (number, unit) = text.split_at(
        text.find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len()),
    );
    let n: u64 = number.parse().ok()?;
    let factor = match unit.to_ascii_uppercase().as_str() {
        "" | "B" => 1,
        "K" | "KB" | "KIB" => 1 << 10,
        "M" | "MB" | "MIB" => 1 << 20,
        "G" | "GB" | "GIB" => 1 << 30,
        _ => return None,
    };
    Some(n * factor)
}

fn options() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let (mut count, mut attachments, mut seed, mut dir) = (None, 0, 1, None);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--count" => count = args.next().and_then(|v| v.parse().ok()),
            "--attachments" => {
                attachments = args
                    .next()
                    .and_then(|v| parse_size(&v))
                    .ok_or("--attachments takes a size such as 512M or 1G")?
            }
            "--seed" => {
                seed = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--seed takes a number")?
            }
            _ if dir.is_none() && !arg.starts_with("--") => dir = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument `{arg}`")),
        }
    }
    Ok(Options {
        count: count.ok_or("--count N is required")?,
        attachments,
        seed,
        dir: dir.ok_or("the project folder is required")?,
    })
}

fn draft(rng: &mut Rng, n: usize, id: &str, ids: &[String], states: &[(&str, &str)]) -> Draft {
    let kind = *rng.pick(InstrumentType::NAMES);
    let level = *rng.pick(Level::NAMES);
    let (subject, subject_ru, subject_kk) = *rng.pick(SUBJECTS);
    let party_count = 2 + usize::from(rng.chance(15)) + usize::from(rng.chance(5));
    let mut parties: Vec<(&str, &str)> = Vec::new();
    while parties.len() < party_count {
        let s = *rng.pick(states);
        if !parties.iter().any(|p| p.0 == s.0) {
            parties.push(s);
        }
    }
    let body = |name: &str| format!("Government of {name}");
    let noun = kind.replace('-', " ");
    let mut title = format!("{} between {}", capitalize(&noun), body(parties[0].1));
    for p in &parties[1..] {
        title.push_str(&format!(" and {}", body(p.1)));
    }
    title.push_str(&format!(
        " on cooperation in the field of {subject} (No. {n})"
    ));
    let year = 1992 + rng.below(33) as u16;
    let date = format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));
    let mut d = Draft {
        id: id.to_owned(),
        title,
        kind: kind.to_owned(),
        level: Some(level.to_owned()),
        status: (*rng.pick(STATUSES)).to_owned(),
        subjects: vec![subject.to_owned()],
        ..Draft::default()
    };
    if rng.chance(60) {
        d.titles.insert(
            "ru".into(),
            format!("Соглашение о сотрудничестве в области {subject_ru} № {n}"),
        );
    }
    if rng.chance(30) {
        d.titles.insert(
            "kk".into(),
            format!("{subject_kk} саласындағы ынтымақтастық туралы келісім № {n}"),
        );
    }
    d.parties = parties
        .iter()
        .map(|(code, name)| DraftParty {
            state: (*code).to_owned(),
            body: Some(body(name)),
        })
        .collect();
    d.signed.date = date;
    d.signed.place = Some((*rng.pick(PLACES)).to_owned());
    if rng.chance(30) {
        d.signed.signatories = vec![DraftSignatory {
            name: format!("Signatory {n}"),
            office: Some("Minister of Foreign Affairs".into()),
            state: Some(parties[0].0.to_owned()),
        }];
    }
    if d.status == "in-force" && rng.chance(70) {
        d.in_force = Some(treaty_register::add::DraftInForce {
            date: Some(format!("{}", year + 1)),
            note: None,
        });
    }
    if matches!(kind, "programme" | "action-plan" | "roadmap") {
        d.term = Some(DraftTerm {
            from: Some(year.to_string()),
            to: Some((year + 1 + rng.below(9) as u16).to_string()),
        });
    }
    if !ids.is_empty() && rng.chance(15) {
        d.relations.push(DraftRelation {
            kind: (*rng.pick(KINDS)).to_owned(),
            target: DraftTarget::Id(rng.pick(ids).clone()),
        });
    }
    if rng.chance(5) {
        d.relations.push(DraftRelation {
            kind: "amends".into(),
            target: DraftTarget::External {
                title: format!("Agreement on {subject} of the former period"),
                date: format!("{}", 1950 + rng.below(40)),
            },
        });
    }
    d.sources.push(DraftSource {
        title: format!("Bulletin of International Treaties, issue {}", 1 + n / 50),
        publisher: Some("Ministry of Foreign Affairs".into()),
        date: Some(format!("{}", year + 1)),
        ..DraftSource::default()
    });
    if rng.chance(20) {
        d.notes = Some(format!(
            "Entry {n}: the sources give the date of signature differently; the depositary's date is recorded."
        ));
    }
    d
}

fn capitalize(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

fn write_attachment(path: &Path, size: u64, rng: &mut Rng) -> std::io::Result<String> {
    use std::io::Write;
    let mut file = fs::File::create(path)?;
    let mut left = size;
    let mut block = vec![0u8; 1 << 20];
    while left > 0 {
        for chunk in block.chunks_mut(8) {
            let v = rng.next().to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
        let n = left.min(block.len() as u64) as usize;
        file.write_all(&block[..n])?;
        left -= n as u64;
    }
    drop(file);
    treaty_register::digest::sha256_file(path)
}

fn main() -> ExitCode {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("synth: {e}\nusage: synth --count N [--attachments SIZE] [--seed S] DIR");
            return ExitCode::from(2);
        }
    };
    let register = NewRegister {
        title: format!("Synthetic Register of {} Instruments", o.count),
        as_of: "2025-01-01".into(),
        language: "en".into(),
        id_prefix: "SYN".into(),
    };
    if let Err(e) = init::create(&o.dir, &register) {
        eprintln!("synth: {e}");
        return ExitCode::from(2);
    }
    let states: Vec<(&str, &str)> = treaty_register::codes::countries().collect();
    let width = o.count.to_string().len().max(3);
    let mut rng = Rng(o.seed);
    let with_files = if o.attachments > 0 {
        o.count.div_ceil(10).max(1)
    } else {
        0
    };
    let file_size = if with_files > 0 {
        o.attachments / with_files as u64
    } else {
        0
    };
    let dir = o.dir.join("register/instruments");
    let files_dir = o.dir.join("register/files");
    let mut ids: Vec<String> = Vec::with_capacity(o.count);
    for n in 1..=o.count {
        let id = format!("SYN-{n:0width$}");
        let mut d = draft(&mut rng, n, &id, &ids, &states);
        if with_files > 0 && n % 10 == 1 {
            fs::create_dir_all(&files_dir).unwrap();
            let name = format!("{id}.pdf");
            let sha = write_attachment(&files_dir.join(&name), file_size, &mut rng).unwrap();
            d.files.push(DraftFile {
                path: format!("files/{name}"),
                sha256: Some(sha),
                description: Some("scan of the signed text".into()),
            });
        }
        fs::write(dir.join(format!("{id}.yaml")), to_yaml(&d)).unwrap();
        ids.push(id);
    }
    println!("wrote {} instruments to {}", o.count, o.dir.display());
    ExitCode::SUCCESS
}
