//! `ordinary serve`: a page in the browser for people who never open a
//! terminal. They drop a Word, Markdown or text file (or paste text), see
//! each finding in its place with what to write instead and why, and take
//! back a Word review copy or their text with suggestions put in.
//!
//! The server is axum's router on hyper's HTTP/1.1, on a one-thread tokio
//! runtime ([`server`]); checking a document is CPU work, so it runs on
//! tokio's blocking threads, never on the thread that serves connections.
//! This module is the server's whole behaviour: the address check, the
//! token, the size limit, the routes and the security headers, as one
//! [`Router`] tested without a network (`tests.rs`); [`server`] accepts
//! connections and bounds their time.
//!
//! Why axum rather than a blocking server or our own HTTP (BENCHMARKS.md,
//! "The server: axum on hyper", has the figures): our own framing on
//! `httparse`, written after tiny_http aborted the process on a request
//! declaring a huge `Content-Length`, was one more HTTP implementation to
//! keep safe. hyper is the most used and most fuzzed one in Rust, and
//! hyper, axum and tower-http give each limit we need as a setting (the
//! head's size and time, the body's size before and while it is read, a
//! stalled body). It costs 33 more crates, 0.8 MB of stripped binary and
//! 8% more processor time for a clean release build; the page is as fast,
//! as its time goes on the check and the browser.
//!
//! Security, for a page that holds people's health and care records:
//! - the server binds 127.0.0.1 only; here, any `Host` other than
//!   `127.0.0.1:PORT` or `localhost:PORT` is refused (421), so a web page
//!   elsewhere cannot reach the server by DNS rebinding;
//! - every address starts `/t/TOKEN/`, a random 128-bit token made at start
//!   and printed in the address, compared in constant time: another site,
//!   or another user of the machine, cannot guess it. The page uses
//!   relative addresses only, so the token stays in the path; no cookie is
//!   set;
//! - a cross-site `Origin` on a request is refused, and no CORS header is
//!   ever sent;
//! - every response forbids scripts, styles and fonts from anywhere but
//!   the server, framing, sniffing, referrers (the token is in the address)
//!   and caching;
//! - uploads over the limit are refused by their declared length before a
//!   byte is read, and cut off once the limit is passed while they stream
//!   in (tower-http's `RequestBodyLimitLayer`);
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
pub mod server;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path as RoutePath, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::RequestBodyTimeoutLayer;

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

/// The headers on every response, refusals included.
const SECURITY_HEADERS: [(&str, &str); 7] = [
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
    ("cache-control", "no-store"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
];

/// The default upload limit, in megabytes (`--max-upload-mb`).
pub const DEFAULT_MAX_UPLOAD_MB: usize = 50;

/// The server's state: the rules, the token and the limits. Shared by the
/// requests being answered; holds no documents.
pub struct App {
    linter: Linter,
    token: String,
    port: u16,
    max_upload: usize,
}

/// What a request's query may say: the document's name, the kind and
/// audience chosen, and what each action needs. Anything else is ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Params {
    name: Option<String>,
    kind: Option<String>,
    audience: Option<String>,
    /// `api/review`: `comments` or `changes`.
    mode: Option<String>,
    /// `api/fix`: the accepted edits, `FINDING.EDIT,…`.
    accept: Option<String>,
    /// `api/save`: how the file was written.
    encoding: Option<String>,
    line_ending: Option<String>,
}

/// What each action does with an uploaded body, on a blocking thread.
type Action = fn(&App, &Params, Vec<u8>) -> Response;

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

    /// Every route, behind the checks every request passes: the `Host`,
    /// the `Origin` and the token ([`guard`]), then the upload limit, and a
    /// body that stalls for `idle` breaks off. [`finish`] puts the security
    /// headers on every answer.
    pub fn router(self: &Arc<App>, idle: Duration) -> Router {
        let base = format!("/t/{}", self.token);
        let upload = |action: Action| {
            post(
                move |State(app): State<Arc<App>>, Query(params): Query<Params>, body: Body| {
                    upload(app, params, body, action)
                },
            )
        };
        Router::new()
            .route(&format!("{base}/"), get(|| served(INDEX_HTML, "text/html")))
            .route(
                &format!("{base}/app.js"),
                get(|| served(APP_JS, "text/javascript")),
            )
            .route(
                &format!("{base}/style.css"),
                get(|| served(STYLE_CSS, "text/css")),
            )
            .route(
                &format!("{base}/api/choices"),
                get(|State(app): State<Arc<App>>| async move {
                    json(&api::choices(app.max_upload))
                }),
            )
            .route(&format!("{base}/api/rule/{{id}}"), get(rule))
            .route(&format!("{base}/api/check"), upload(App::check))
            .route(&format!("{base}/api/review"), upload(App::review))
            .route(&format!("{base}/api/fix"), upload(App::fix))
            .route(&format!("{base}/api/save"), upload(App::save))
            .fallback(|| async { plain(StatusCode::NOT_FOUND, "There is nothing at this address.") })
            .method_not_allowed_fallback(|| async {
                plain(
                    StatusCode::METHOD_NOT_ALLOWED,
                    "That is not something this address does.",
                )
            })
            .layer(RequestBodyLimitLayer::new(self.max_upload))
            .layer(RequestBodyTimeoutLayer::new(idle))
            .layer(middleware::from_fn_with_state(Arc::clone(self), guard))
            .layer(middleware::map_response_with_state(
                Arc::clone(self),
                finish,
            ))
            .with_state(Arc::clone(self))
    }

    /// The refusal of an upload over the limit, in the page's words.
    fn too_large(&self) -> Response {
        failed(
            413,
            &format!(
                "This file is larger than {} MB, the most this page takes. \
                 Start ordinary with --max-upload-mb to allow more.",
                self.max_upload / (1024 * 1024)
            ),
        )
    }
}

/// The checks every request passes before its route: the `Host` (421), a
/// cross-site `Origin` (403), the token (403), and the page's address
/// without its closing slash (308). A header said twice could be read two
/// ways, so it is refused rather than guessed at.
async fn guard(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let Ok(host) = single(&request, header::HOST) else {
        return plain(StatusCode::BAD_REQUEST, "The request's Host is unclear.");
    };
    if !app.host_allowed(host) {
        return plain(
            StatusCode::MISDIRECTED_REQUEST,
            "This server only answers at 127.0.0.1 or localhost, on its own port.",
        );
    }
    let Ok(origin) = single(&request, header::ORIGIN) else {
        return plain(StatusCode::BAD_REQUEST, "The request's Origin is unclear.");
    };
    if let Some(origin) = origin
        && !app.origin_allowed(origin)
    {
        return plain(
            StatusCode::FORBIDDEN,
            "Requests from other web sites are refused.",
        );
    }
    if let Some(expect) = request.headers().get(header::EXPECT)
        && !expect.as_bytes().eq_ignore_ascii_case(b"100-continue")
    {
        return plain(
            StatusCode::EXPECTATION_FAILED,
            "Only `Expect: 100-continue` is understood.",
        );
    }
    // A browser sends the path alone; an address with its scheme and host
    // (absolute form) is not the page's, whatever its path.
    if request.uri().scheme().is_some() {
        return no_token();
    }
    let path = request.uri().path();
    let Some(rest) = path.strip_prefix("/t/") else {
        return no_token();
    };
    let (token, route) = rest
        .split_once('/')
        .map_or((rest, None), |(t, r)| (t, Some(r)));
    if !constant_time_eq::constant_time_eq(token.as_bytes(), app.token.as_bytes()) {
        return no_token();
    }
    if route.is_none() {
        // Without the closing slash, relative addresses would lose the token.
        let mut redirect = plain(
            StatusCode::PERMANENT_REDIRECT,
            "The page is at the address with a / at the end.",
        );
        if let Ok(location) = HeaderValue::from_str(&format!("/t/{}/", app.token)) {
            redirect.headers_mut().insert(header::LOCATION, location);
        }
        return redirect;
    }
    next.run(request).await
}

/// A header's value, if it is given once in plain text; `Err` if given
/// twice or not as text.
fn single(request: &Request, name: header::HeaderName) -> Result<Option<&str>, ()> {
    let mut values = request.headers().get_all(name).iter();
    let first = values.next();
    if values.next().is_some() {
        return Err(());
    }
    first
        .map(|value| value.to_str().map(str::trim).map_err(|_| ()))
        .transpose()
}

/// Every answer, refusals and axum's own included, gets the security
/// headers; an upload refused for its size (by tower-http's limit, before
/// or while it is read) gets the words that say how to allow more.
async fn finish(State(app): State<Arc<App>>, response: Response) -> Response {
    let mut response = if response.status() == StatusCode::PAYLOAD_TOO_LARGE {
        app.too_large()
    } else {
        response
    };
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// An upload read whole (within the limit), then `action` on a blocking
/// thread: checking is CPU work that must not hold up the connections.
async fn upload(app: Arc<App>, params: Params, body: Body, action: Action) -> Response {
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => Vec::from(bytes),
        Err(error) if over_limit(&error) => return StatusCode::PAYLOAD_TOO_LARGE.into_response(),
        Err(error) => {
            return failed(400, &format!("the upload broke off: {}", cause(&error)));
        }
    };
    tokio::task::spawn_blocking(move || action(&app, &params, bytes))
        .await
        .unwrap_or_else(|_| failed(500, "ordinary stopped while checking this document"))
}

/// Whether reading a body failed on tower-http's limit.
fn over_limit(error: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(error) = source {
        if error.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = error.source();
    }
    false
}

/// The innermost cause of an error, in its own words ("request body
/// timed out", "connection closed before message completed").
fn cause(error: &axum::Error) -> String {
    let mut innermost: &(dyn std::error::Error + 'static) = error;
    while let Some(source) = innermost.source() {
        innermost = source;
    }
    innermost.to_string()
}

/// A rule's page (`ordinary explain`'s words), by id.
async fn rule(State(app): State<Arc<App>>, RoutePath(id): RoutePath<String>) -> Response {
    match app.linter.ruleset().get(&id) {
        Some(rule) => json(&api::rule_page(rule)),
        None => failed(404, &format!("no rule has the id `{id}`")),
    }
}

/// One of the page's own files.
async fn served(body: &'static str, content_type: &'static str) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            format!("{content_type}; charset=utf-8"),
        )],
        body,
    )
        .into_response()
}

/// A plain-text refusal, for requests that do not come from the page.
fn plain(status: StatusCode, message: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("{message}\n"),
    )
        .into_response()
}

fn no_token() -> Response {
    plain(
        StatusCode::FORBIDDEN,
        "This page needs the whole address ordinary printed when it started, \
         the long code included. Copy it from the window where ordinary runs.",
    )
}

/// A JSON value.
fn json(value: &impl serde::Serialize) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
        Err(error) => failed(500, &format!("cannot write the answer: {error}")),
    }
}

/// A JSON error for the page to show: `{"error": "…"}`.
fn failed(status: u16, message: &str) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::json!({ "error": message }).to_string();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// A file for the browser to save, as `name`.
fn download(content_type: &'static str, bytes: Vec<u8>, name: &str) -> Response {
    let disposition = format!("attachment; filename=\"{}\"", safe_file_name(name));
    let mut response = ([(header::CONTENT_TYPE, content_type)], bytes).into_response();
    // Letters, digits and `.-_` only: always a valid header.
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

impl App {
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

    /// The name, format and profile a request is about.
    fn subject(&self, params: &Params) -> Result<(String, Format, Profile), Response> {
        let name = params
            .name
            .clone()
            .unwrap_or_else(|| "pasted text.txt".into());
        let Some(format) = Format::from_path(Path::new(&name)) else {
            return Err(failed(
                422,
                &format!(
                    "{name}: ordinary reads Word documents (.docx), Markdown (.md) and text (.txt)"
                ),
            ));
        };
        let forced = api::forced(params.kind.as_deref(), params.audience.as_deref())
            .map_err(|message| failed(400, &message))?;
        Ok((name, format, forced))
    }

    fn check(&self, params: &Params, bytes: Vec<u8>) -> Response {
        let (name, format, forced) = match self.subject(params) {
            Ok(subject) => subject,
            Err(refusal) => return refusal,
        };
        let written = (format != Format::Docx).then(|| Written::of(&bytes));
        let mut document = match source::read_bytes(bytes, format, ReadOptions::default()) {
            Ok(document) => document,
            // The words `ordinary check` prints after `error: `.
            Err(error) => return failed(422, &format!("{name}: {error}")),
        };
        let stated = document.profile();
        document.settle_profile(forced, Profile::default());
        let (findings, reading) = self.linter.check_and_summarize(&document);
        let mut checked = api::checked(&name, format, &document, &findings, &reading, &self.linter);
        checked.stated = api::Stated::from(stated);
        checked.written = written.map(api::WrittenAs::from);
        json(&checked)
    }

    /// The review copy `ordinary review` writes, with the same options.
    fn review(&self, params: &Params, bytes: Vec<u8>) -> Response {
        let (name, format, forced) = match self.subject(params) {
            Ok(subject) => subject,
            Err(refusal) => return refusal,
        };
        if format != Format::Docx {
            return failed(
                422,
                &format!("{name}: a review copy is made of Word documents (.docx)"),
            );
        }
        let mode = match params.mode.as_deref() {
            None | Some("comments") => Mode::Comments,
            Some("changes") => Mode::Changes,
            Some(other) => return failed(400, &format!("unknown mode `{other}`")),
        };
        // A Word document says nothing of its kind: the page's choice, else
        // the defaults.
        let profile = forced;
        let options = ReviewOptions {
            mode,
            date: Some(review::word_date(review::now())),
            ..ReviewOptions::default()
        };
        match review::review_docx(&bytes, &self.linter, profile, &options) {
            Ok(copy) => download(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                copy.bytes,
                &review::reviewed_name(&name),
            ),
            Err(error) => failed(422, &format!("{name}: {error}")),
        }
    }

    /// Text or Markdown with the accepted suggestions put in:
    /// `{"text": …, "applied": N}`.
    fn fix(&self, params: &Params, bytes: Vec<u8>) -> Response {
        let (name, format, forced) = match self.subject(params) {
            Ok(subject) => subject,
            Err(refusal) => return refusal,
        };
        if format == Format::Docx {
            return failed(
                422,
                &format!("{name}: for Word documents, download a review copy with tracked changes"),
            );
        }
        let accepted = match parse_accepted(params.accept.as_deref().unwrap_or_default()) {
            Some(accepted) => accepted,
            None => return failed(400, "`accept` must be FINDING.EDIT,…"),
        };
        let mut document = match source::read_bytes(bytes, format, ReadOptions::default()) {
            Ok(document) => document,
            Err(error) => return failed(422, &format!("{name}: {error}")),
        };
        document.settle_profile(forced, Profile::default());
        let findings = self.linter.check(&document);
        let (text, applied) = api::apply_accepted(&document, &findings, &accepted);
        json(&serde_json::json!({ "text": text, "applied": applied }))
    }

    /// The page's text saved as the file it came from was written: its
    /// byte order mark and line endings put back (`encoding`,
    /// `line_ending` as `api/check` gave them in `written`).
    fn save(&self, params: &Params, bytes: Vec<u8>) -> Response {
        let name = params.name.clone().unwrap_or_else(|| "my-text.txt".into());
        let encoding = match params.encoding.as_deref() {
            None => Encoding::Utf8,
            Some(name) => match Encoding::parse(name) {
                Some(encoding) => encoding,
                None => return failed(400, &format!("unknown encoding `{name}`")),
            },
        };
        let crlf = match params.line_ending.as_deref() {
            None | Some("lf") => false,
            Some("crlf") => true,
            Some(other) => {
                return failed(400, &format!("unknown line ending `{other}`"));
            }
        };
        let Ok(text) = String::from_utf8(bytes) else {
            return failed(400, "the text to save is not UTF-8");
        };
        download(
            "application/octet-stream",
            Written { encoding, crlf }.write(&text),
            &name,
        )
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

#[cfg(test)]
mod tests;
