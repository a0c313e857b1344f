//! Asking a person at a terminal for a value, re-asking until the answer
//! is acceptable. Questions go to stderr, so stdout stays for results.

use std::io::{BufRead, Write};

use crate::error::{Error, Result};

pub struct Prompter<R: BufRead, W: Write> {
    input: R,
    output: W,
}

impl<R: BufRead, W: Write> Prompter<R, W> {
    pub fn new(input: R, output: W) -> Self {
        Prompter { input, output }
    }

    /// Prints a line of information.
    pub fn say(&mut self, text: &str) -> Result<()> {
        writeln!(self.output, "{text}").map_err(Error::Stdout)
    }

    /// Asks once; `None` when input has ended.
    fn line(&mut self, question: &str) -> Result<Option<String>> {
        write!(self.output, "{question}: ").map_err(Error::Stdout)?;
        self.output.flush().map_err(Error::Stdout)?;
        let mut answer = String::new();
        let n = self
            .input
            .read_line(&mut answer)
            .map_err(|source| Error::Read {
                path: "standard input".into(),
                source,
            })?;
        if n == 0 {
            return Ok(None);
        }
        Ok(Some(answer.trim().to_owned()))
    }

    /// Asks until `accept` takes the answer. An empty answer is `None`
    /// when `optional`, and asked again otherwise.
    pub fn ask<T>(
        &mut self,
        question: &str,
        optional: bool,
        accept: impl Fn(&str) -> std::result::Result<T, String>,
    ) -> Result<Option<T>> {
        loop {
            let Some(answer) = self.line(question)? else {
                return Err(Error::InputEnded);
            };
            if answer.is_empty() {
                if optional {
                    return Ok(None);
                }
                self.say("  a value is needed here")?;
                continue;
            }
            match accept(&answer) {
                Ok(value) => return Ok(Some(value)),
                Err(why) => self.say(&format!("  {why}"))?,
            }
        }
    }

    /// Asks a yes/no question until it is answered. There is no default:
    /// an Enter too many (typed ahead after the last answer) must not throw
    /// away everything answered so far, so an empty line asks again.
    pub fn confirm(&mut self, question: &str) -> Result<bool> {
        loop {
            let Some(answer) = self.line(&format!("{question} [y/n]"))? else {
                return Err(Error::InputEnded);
            };
            match answer.to_lowercase().as_str() {
                "y" | "yes" => return Ok(true),
                "n" | "no" => return Ok(false),
                _ => self.say("  answer y to write it, or n to write nothing")?,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn re_asks_until_accepted() {
        let input = b"\n13\n7\n" as &[u8];
        let mut out = Vec::new();
        let mut p = Prompter::new(input, &mut out);
        let n = p
            .ask("Number", false, |a| {
                a.parse::<u8>()
                    .ok()
                    .filter(|n| *n < 10)
                    .ok_or_else(|| format!("`{a}` is not below 10"))
            })
            .unwrap();
        assert_eq!(n, Some(7));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Number:   a value is needed here\nNumber:   `13` is not below 10\nNumber: "
        );
    }

    #[test]
    fn an_empty_confirmation_asks_again() {
        let mut out = Vec::new();
        let mut p = Prompter::new(b"\n\ny\n" as &[u8], &mut out);
        assert!(p.confirm("Write it?").unwrap());
        let mut p = Prompter::new(b"\n" as &[u8], &mut out);
        assert!(matches!(p.confirm("Write it?"), Err(Error::InputEnded)));
    }

    #[test]
    fn ended_input_is_an_error() {
        let mut out = Vec::new();
        let mut p = Prompter::new(b"" as &[u8], &mut out);
        assert!(matches!(
            p.ask("X", true, |a| Ok(a.to_owned())),
            Err(Error::InputEnded)
        ));
    }
}
