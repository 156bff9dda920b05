//! `ordinary serve`: a page in the browser for people who never open a
//! terminal. They drop a Word, Markdown or text file (or paste text), see
//! each finding in its place with what to write instead and why, and take
//! back a Word review copy or their text with suggestions put in.
//!
//! This module is the server's whole behaviour over a plain [`Request`]:
//! the address check, the token, the size limit, the routes and the
//! security headers, tested without a network. [`http`] frames requests
//! on a connection; the binary only accepts connections.
//!
//! Security, for a page that holds people's health and care records:
//! - the binary binds 127.0.0.1 only; here, any `Host` other than
//!   `127.0.0.1:PORT` or `localhost:PORT` is refused (421), so a web page
//!   elsewhere cannot reach the server by DNS rebinding;
//! - every address starts `/t/TOKEN/`, a random 128-bit token made at start
//!   and printed in the address: another site, or another user of the
//!   machine, cannot guess it. The page uses relative addresses only, so
//!   the token stays in the path; no cookie is set;
//! - a cross-site `Origin` on a request is refused, and no CORS header is
//!   ever sent;
//! - every response forbids scripts, styles and fonts from anywhere but
//!   the server, framing, sniffing, referrers (the token is in the address)
//!   and caching;
//! - uploads over the limit are refused before they are read;
//! - documents live in memory for the length of one request: nothing is
//!   written to disk, and nothing is kept between requests.
//!
//! A document given to the page has no place in the project: the browser
//! sends its name, never its folder. So the config's `[kinds]` and
//! `[audiences]` globs, which say where files sit, are not applied to it;
//! its kind and audience are the page's choice, else what the document says
//! of itself (Markdown front matter), else any kind, for the public, as the
//! command line does without a config.

pub mod api;
pub mod http;

use std::io::Read;
use std::path::Path;

use crate::engine::Linter;
use crate::review::{self, Mode, ReviewOptions};
use crate::rules::Profile;
use crate::source::written::{Encoding, Written};
use crate::source::{self, Format, ReadOptions};

/// The page, its script and its styles: plain files, no build step,
/// served from the binary.
const INDEX_HTML: &str = include_str!("page/index.html");
const APP_JS: &str = include_str!("page/app.js");
const STYLE_CSS: &str = include_str!("page/style.css");

/// The Content-Security-Policy on every response: nothing but this server,
/// no inline script or style, no plugins, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
     form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

/// The default upload limit, in megabytes (`--max-upload-mb`).
pub const DEFAULT_MAX_UPLOAD_MB: usize = 50;

/// One request, as the page's server sees it.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub method: &'a str,
    /// The path and query, as sent.
    pub url: &'a str,
    pub host: Option<&'a str>,
    pub origin: Option<&'a str>,
    /// The declared body length, if any.
    pub content_length: Option<u64>,
}

/// A response: its status, body and what the headers say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// For a download: the file name to save it as.
    pub download: Option<String>,
    /// For a redirect: where to.
    pub location: Option<String>,
}

impl Response {
    fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            content_type,
            body: body.into(),
            download: None,
            location: None,
        }
    }

    /// A plain-text refusal, for requests that do not come from the page.
    fn plain(status: u16, message: &str) -> Response {
        Response::new(status, "text/plain; charset=utf-8", format!("{message}\n"))
    }

    /// A JSON value.
    fn json(value: &impl serde::Serialize) -> Response {
        match serde_json::to_vec(value) {
            Ok(body) => Response::new(200, "application/json", body),
            Err(error) => Response::error(500, &format!("cannot write the answer: {error}")),
        }
    }

    /// A JSON error for the page to show: `{"error": "…"}`.
    fn error(status: u16, message: &str) -> Response {
        let body = serde_json::json!({ "error": message }).to_string();
        Response::new(status, "application/json", body)
    }

    /// Every header of the response: its type, the security headers, and a
    /// download's name.
    pub fn headers(&self) -> Vec<(&'static str, String)> {
        let mut headers = vec![
            ("Content-Type", self.content_type.to_string()),
            (
                "Content-Security-Policy",
                CONTENT_SECURITY_POLICY.to_string(),
            ),
            ("X-Content-Type-Options", "nosniff".to_string()),
            ("X-Frame-Options", "DENY".to_string()),
            ("Referrer-Policy", "no-referrer".to_string()),
            ("Cache-Control", "no-store".to_string()),
            ("Cross-Origin-Opener-Policy", "same-origin".to_string()),
            ("Cross-Origin-Resource-Policy", "same-origin".to_string()),
        ];
        if let Some(name) = &self.download {
            headers.push((
                "Content-Disposition",
                format!("attachment; filename=\"{}\"", safe_file_name(name)),
            ));
        }
        if let Some(location) = &self.location {
            headers.push(("Location", location.clone()));
        }
        headers
    }
}

/// The server's state: the rules, the token and the limits. Shared by the
/// threads that serve requests; holds no documents.
pub struct App {
    linter: Linter,
    token: String,
    port: u16,
    max_upload: usize,
}

impl App {
    pub fn new(linter: Linter, token: String, port: u16, max_upload: usize) -> App {
        App {
            linter,
            token,
            port,
            max_upload,
        }
    }

    /// The address to open: `http://127.0.0.1:PORT/t/TOKEN/`.
    pub fn address(&self) -> String {
        format!("http://127.0.0.1:{}/t/{}/", self.port, self.token)
    }

    /// Answers one request; `body` is read only when the request is allowed
    /// and within the limit.
    pub fn handle(&self, request: &Request<'_>, body: &mut dyn Read) -> Response {
        if !self.host_allowed(request.host) {
            return Response::plain(
                421,
                "This server only answers at 127.0.0.1 or localhost, on its own port.",
            );
        }
        if let Some(origin) = request.origin
            && !self.origin_allowed(origin)
        {
            return Response::plain(403, "Requests from other web sites are refused.");
        }
        let (path, query) = request.url.split_once('?').unwrap_or((request.url, ""));
        let Some(rest) = path.strip_prefix("/t/") else {
            return self.no_token();
        };
        let (token, route) = rest.split_once('/').unwrap_or((rest, ""));
        if !same_secret(token, &self.token) {
            return self.no_token();
        }
        if route.is_empty() && !path.ends_with('/') {
            let mut redirect =
                Response::plain(308, "The page is at the address with a / at the end.");
            redirect.location = Some(format!("/t/{}/", self.token));
            return redirect;
        }
        let query = Query::parse(query);
        match (request.method, route) {
            ("GET" | "HEAD", "") => Response::new(200, "text/html; charset=utf-8", INDEX_HTML),
            ("GET" | "HEAD", "app.js") => {
                Response::new(200, "text/javascript; charset=utf-8", APP_JS)
            }
            ("GET" | "HEAD", "style.css") => {
                Response::new(200, "text/css; charset=utf-8", STYLE_CSS)
            }
            ("GET", "api/choices") => Response::json(&api::choices(self.max_upload)),
            ("GET", rule) if rule.starts_with("api/rule/") => {
                let id = percent_decode(&rule["api/rule/".len()..]);
                match self.linter.ruleset().get(&id) {
                    Some(rule) => Response::json(&api::rule_page(rule)),
                    None => Response::error(404, &format!("no rule has the id `{id}`")),
                }
            }
            ("POST", "api/check" | "api/review" | "api/fix" | "api/save") => {
                let bytes = match self.read_body(request, body) {
                    Ok(bytes) => bytes,
                    Err(refusal) => return refusal,
                };
                match route {
                    "api/check" => self.check(&query, bytes),
                    "api/review" => self.review(&query, &bytes),
                    "api/save" => self.save(&query, bytes),
                    _ => self.fix(&query, bytes),
                }
            }
            (
                _,
                "" | "app.js" | "style.css" | "api/check" | "api/review" | "api/fix" | "api/save",
            ) => Response::plain(405, "That is not something this address does."),
            _ => Response::plain(404, "There is nothing at this address."),
        }
    }

    fn no_token(&self) -> Response {
        Response::plain(
            403,
            "This page needs the whole address ordinary printed when it started, \
             the long code included. Copy it from the window where ordinary runs.",
        )
    }

    fn host_allowed(&self, host: Option<&str>) -> bool {
        let Some(host) = host else {
            return false;
        };
        let port = self.port.to_string();
        match host.rsplit_once(':') {
            Some((name, p)) => {
                p == port && (name == "127.0.0.1" || name.eq_ignore_ascii_case("localhost"))
            }
            None => false,
        }
    }

    fn origin_allowed(&self, origin: &str) -> bool {
        origin
            .strip_prefix("http://")
            .is_some_and(|host| self.host_allowed(Some(host)))
    }

    /// The body, refused (413) when over the limit: by its declared length
    /// before a byte is read, else once one byte too many has been read.
    fn read_body(&self, request: &Request<'_>, body: &mut dyn Read) -> Result<Vec<u8>, Response> {
        let too_large = || {
            Response::error(
                413,
                &format!(
                    "This file is larger than {} MB, the most this page takes. \
                     Start ordinary with --max-upload-mb to allow more.",
                    self.max_upload / (1024 * 1024)
                ),
            )
        };
        if request
            .content_length
            .is_some_and(|length| length > self.max_upload as u64)
        {
            return Err(too_large());
        }
        let mut bytes = Vec::new();
        if let Err(error) = body
            .take(self.max_upload as u64 + 1)
            .read_to_end(&mut bytes)
        {
            return Err(Response::error(
                400,
                &format!("the upload broke off: {error}"),
            ));
        }
        if bytes.len() > self.max_upload {
            return Err(too_large());
        }
        Ok(bytes)
    }

    /// The name, format and profile a request is about.
    fn subject(&self, query: &Query) -> Result<(String, Format, Profile), Response> {
        let name = query
            .get("name")
            .unwrap_or_else(|| "pasted text.txt".into());
        let Some(format) = Format::from_path(Path::new(&name)) else {
            return Err(Response::error(
                422,
                &format!(
                    "{name}: ordinary reads Word documents (.docx), Markdown (.md) and text (.txt)"
                ),
            ));
        };
        let forced = api::forced(
            query.get("kind").as_deref(),
            query.get("audience").as_deref(),
        )
        .map_err(|message| Response::error(400, &message))?;
        Ok((name, format, forced))
    }

    fn check(&self, query: &Query, bytes: Vec<u8>) -> Response {
        let (name, format, forced) = match self.subject(query) {
            Ok(subject) => subject,
            Err(refusal) => return refusal,
        };
        let written = (format != Format::Docx).then(|| Written::of(&bytes));
        let mut document = match source::read_bytes(bytes, format, ReadOptions::default()) {
            Ok(document) => document,
            // The words `ordinary check` prints after `error: `.
            Err(error) => return Response::error(422, &format!("{name}: {error}")),
        };
        let stated = document.profile();
        document.settle_profile(forced, Profile::default());
        let (findings, reading) = self.linter.check_and_summarize(&document);
        let mut checked = api::checked(&name, format, &document, &findings, &reading, &self.linter);
        checked.stated = api::Stated::from(stated);
        checked.written = written.map(api::WrittenAs::from);
        Response::json(&checked)
    }

    /// The review copy `ordinary review` writes, with the same options.
    fn review(&self, query: &Query, bytes: &[u8]) -> Response {
        let (name, format, forced) = match self.subject(query) {
            Ok(subject) => subject,
            Err(refusal) => return refusal,
        };
        if format != Format::Docx {
            return Response::error(
                422,
                &format!("{name}: a review copy is made of Word documents (.docx)"),
            );
        }
        let mode = match query.get("mode").as_deref() {
            None | Some("comments") => Mode::Comments,
            Some("changes") => Mode::Changes,
            Some(other) => return Response::error(400, &format!("unknown mode `{other}`")),
        };
        // A Word document says nothing of its kind: the page's choice, else
        // the defaults.
        let profile = forced;
        let options = ReviewOptions {
            mode,
            date: Some(review::word_date(review::now())),
            ..ReviewOptions::default()
        };
        match review::review_docx(bytes, &self.linter, profile, &options) {
            Ok(copy) => {
                let mut response = Response::new(
                    200,
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    copy.bytes,
                );
                response.download = Some(review::reviewed_name(&name));
                response
            }
            Err(error) => Response::error(422, &format!("{name}: {error}")),
        }
    }

    /// Text or Markdown with the accepted suggestions put in:
    /// `{"text": …, "applied": N}`.
    fn fix(&self, query: &Query, bytes: Vec<u8>) -> Response {
        let (name, format, forced) = match self.subject(query) {
            Ok(subject) => subject,
            Err(refusal) => return refusal,
        };
        if format == Format::Docx {
            return Response::error(
                422,
                &format!("{name}: for Word documents, download a review copy with tracked changes"),
            );
        }
        let accepted = match parse_accepted(&query.get("accept").unwrap_or_default()) {
            Some(accepted) => accepted,
            None => return Response::error(400, "`accept` must be FINDING.EDIT,…"),
        };
        let mut document = match source::read_bytes(bytes, format, ReadOptions::default()) {
            Ok(document) => document,
            Err(error) => return Response::error(422, &format!("{name}: {error}")),
        };
        document.settle_profile(forced, Profile::default());
        let findings = self.linter.check(&document);
        let (text, applied) = api::apply_accepted(&document, &findings, &accepted);
        Response::json(&serde_json::json!({ "text": text, "applied": applied }))
    }
}

impl App {
    /// The page's text saved as the file it came from was written: its
    /// byte order mark and line endings put back (`encoding`,
    /// `line_ending` as `api/check` gave them in `written`).
    fn save(&self, query: &Query, bytes: Vec<u8>) -> Response {
        let name = query.get("name").unwrap_or_else(|| "my-text.txt".into());
        let encoding = match query.get("encoding").as_deref() {
            None => Encoding::Utf8,
            Some(name) => match Encoding::parse(name) {
                Some(encoding) => encoding,
                None => return Response::error(400, &format!("unknown encoding `{name}`")),
            },
        };
        let crlf = match query.get("line_ending").as_deref() {
            None | Some("lf") => false,
            Some("crlf") => true,
            Some(other) => {
                return Response::error(400, &format!("unknown line ending `{other}`"));
            }
        };
        let Ok(text) = String::from_utf8(bytes) else {
            return Response::error(400, "the text to save is not UTF-8");
        };
        let mut response = Response::new(
            200,
            "application/octet-stream",
            Written { encoding, crlf }.write(&text),
        );
        response.download = Some(name);
        response
    }
}

/// `3.0,7.1` → the accepted edits; `None` if malformed.
fn parse_accepted(list: &str) -> Option<Vec<api::Accepted>> {
    list.split(',')
        .filter(|item| !item.is_empty())
        .map(|item| {
            let (finding, edit) = item.split_once('.')?;
            Some(api::Accepted {
                finding: finding.parse().ok()?,
                edit: edit.parse().ok()?,
            })
        })
        .collect()
}

/// Compares a token without stopping at the first difference, so the time
/// taken says nothing about how much of a guess was right.
fn same_secret(given: &str, secret: &str) -> bool {
    given.len() == secret.len()
        && given
            .bytes()
            .zip(secret.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// A file name safe inside a header's quotes: letters, digits and `.-_`;
/// anything else becomes `_`.
fn safe_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let safe: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if safe.trim_matches(['.', '_']).is_empty() {
        "document.docx".into()
    } else {
        safe
    }
}

/// A query string's values, decoded.
struct Query(Vec<(String, String)>);

impl Query {
    fn parse(query: &str) -> Query {
        Query(
            query
                .split('&')
                .filter(|pair| !pair.is_empty())
                .map(|pair| {
                    let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                    (percent_decode(key), percent_decode(value))
                })
                .collect(),
        )
    }

    fn get(&self, key: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }
}

/// `%XX` and `+` decoded (as `encodeURIComponent` and forms write them);
/// bad UTF-8 becomes U+FFFD.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[at] {
            b'%' if at + 2 < bytes.len() => match (hex(bytes[at + 1]), hex(bytes[at + 2])) {
                (Some(high), Some(low)) => {
                    out.push((high * 16 + low) as u8);
                    at += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            byte => out.push(byte),
        }
        at += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests;
