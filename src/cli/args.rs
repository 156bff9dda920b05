//! Command-line arguments. These types stay in the binary: the library
//! never sees clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use ordinary::rules::{Audience, DocumentKind, Severity};

/// Plain-language checks for social care and council writing: finds jargon,
/// office language, deficit language and abbreviations, and says what to
/// write instead.
#[derive(Debug, Parser)]
#[command(name = "ordinary", version = VERSION, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// `ordinary --version`: the crate's version and the built-in rules' (their
/// count and a hash of their files, from build.rs).
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("ORDINARY_RULES_VERSION"),
    ")"
);

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files and folders (the current folder when none are given).
    Check(CheckArgs),
    /// List the rules, grouped by category.
    Rules(RulesArgs),
    /// Show one rule in full: what it finds, why, and what to write instead.
    Explain(ExplainArgs),
    /// Print the text of documents exactly as ordinary reads it, one paragraph per line with where it is.
    Text(TextArgs),
    /// Write a review copy of a Word document with a comment (or a tracked change) at each finding.
    Review(ReviewArgs),
    /// Apply the edits that fit their sentences to text and Markdown files, in place or as a diff.
    Fix(FixArgs),
    /// Run the language server on standard input and output, for editors.
    Lsp(LspArgs),
    /// Open a page in your browser to check documents and download review copies; nothing leaves this computer.
    Serve(ServeArgs),
    /// Write a commented ordinary.toml for this folder, with the kinds of document its folders suggest.
    Init(super::init::InitArgs),
    /// Print shell completions: bash, zsh, fish, powershell or elvish.
    Completions(super::completions::CompletionsArgs),
    /// Print the manual page (roff), for `man`.
    Man,
}

/// Where rules and settings come from; shared by every command.
#[derive(Debug, Args)]
pub struct RuleOptions {
    /// Add a rules file, or a folder of them (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,
    /// Do not load the built-in rules.
    #[arg(long)]
    pub no_default_rules: bool,
    /// Use this config file instead of the nearest ordinary.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore any ordinary.toml.
    #[arg(long)]
    pub no_config: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check; `-` reads standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub rule_options: RuleOptions,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Switch off rules by id (comma-separated, repeatable).
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub disable: Vec<String>,
    /// Exit with 1 when there are findings of this severity or worse [default: warning].
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<SeverityArg>,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Print findings only: no summary, no progress bar.
    #[arg(short, long)]
    pub quiet: bool,
    /// Number of files to check at once [default: the number of cores; at
    /// most 256, and no more than there are files].
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// The name to report for standard input; its extension picks the format.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Also check the text of comments in Word documents.
    #[arg(long)]
    pub docx_comments: bool,
    /// Treat every document as this kind: assessment, policy or job-description
    /// (overrides front matter and the config's [kinds]).
    #[arg(long, value_name = "KIND", value_parser = parse_kind)]
    pub kind: Option<DocumentKind>,
    /// Treat every document as written for this audience: public or
    /// professional (overrides front matter and the config's [audiences]).
    #[arg(long, value_name = "AUDIENCE", value_parser = parse_audience)]
    pub audience: Option<Audience>,
    #[command(flatten)]
    pub ci: super::ci::CiArgs,
}

fn parse_audience(name: &str) -> Result<Audience, String> {
    Audience::parse(name).ok_or_else(|| {
        let audiences: Vec<&str> = Audience::ALL.iter().map(|a| a.as_str()).collect();
        format!(
            "unknown audience; the audiences are {}",
            audiences.join(", ")
        )
    })
}

fn parse_kind(name: &str) -> Result<DocumentKind, String> {
    DocumentKind::parse(name).ok_or_else(|| {
        let kinds: Vec<&str> = DocumentKind::ALL.iter().map(|k| k.as_str()).collect();
        format!(
            "unknown kind of document; the kinds are {}",
            kinds.join(", ")
        )
    })
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(flatten)]
    pub rule_options: RuleOptions,
    /// Only rules in this category.
    #[arg(long, value_name = "CATEGORY")]
    pub category: Option<String>,
    /// Only rules from this area: the rules file's name without `.toml`
    /// (`money`, `abbreviations-health`, or your own file's name).
    #[arg(long, value_name = "AREA")]
    pub area: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
    /// Print every literal form the rules match, one per line (for other tools).
    #[arg(long, conflicts_with = "format")]
    pub phrases: bool,
    /// Test the rules against their own examples, counter-examples and
    /// suggestions; exit 1 if any fail. Use it on your own rules files.
    #[arg(long, conflicts_with_all = ["format", "phrases"])]
    pub check: bool,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id, as shown in reports.
    pub id: String,
    #[command(flatten)]
    pub rule_options: RuleOptions,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Snippets with the phrase underlined, suggestions and why.
    Human,
    /// One JSON object (schema version 1).
    Json,
    /// One JSON object per line, streamed.
    Jsonl,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
    /// GitHub Actions annotations.
    Github,
    /// Checkstyle XML (Jenkins).
    Checkstyle,
    /// JUnit XML (GitLab, Jenkins).
    Junit,
    /// path:line:col: severity [rule] message (try: …).
    Concise,
    /// A Markdown summary for a pull request or a report.
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeverityArg {
    Error,
    Warning,
    Info,
}

impl From<SeverityArg> for Severity {
    fn from(arg: SeverityArg) -> Severity {
        match arg {
            SeverityArg::Error => Severity::Error,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Info => Severity::Info,
        }
    }
}

#[derive(Debug, Args)]
pub struct TextArgs {
    /// Documents to read (.txt, .md, .docx), or folders of them; `-` reads
    /// standard input.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<std::path::PathBuf>,
    /// For `-`: the name its extension picks the format from (text unless
    /// it ends in .md or .docx).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Also read the text of comments in Word documents.
    #[arg(long)]
    pub docx_comments: bool,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The Word document (.docx) to review; it is never changed. `-` reads
    /// it from standard input (then give `-o`).
    #[arg(value_name = "FILE")]
    pub path: PathBuf,
    /// Where to write the review copy [default: NAME.reviewed.docx next to
    /// the document]; `-` writes it to standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// What the review copy holds at each finding.
    #[arg(long, value_enum, default_value_t = ReviewMode::Comments)]
    pub mode: ReviewMode,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// The author of the comments and changes, as Word shows it.
    #[arg(long, value_name = "NAME", default_value = "ordinary")]
    pub author: String,
    #[command(flatten)]
    pub rule_options: RuleOptions,
    /// Switch off rules by id (comma-separated, repeatable).
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub disable: Vec<String>,
    /// Treat the document as this kind: assessment, policy or job-description.
    #[arg(long, value_name = "KIND", value_parser = parse_kind)]
    pub kind: Option<DocumentKind>,
    /// Treat every document as written for this audience: public or
    /// professional (overrides front matter and the config's [audiences]).
    #[arg(long, value_name = "AUDIENCE", value_parser = parse_audience)]
    pub audience: Option<Audience>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewMode {
    /// A comment on every flagged phrase.
    Comments,
    /// A tracked change where there is one safe replacement, a comment elsewhere.
    Changes,
}

#[derive(Debug, Args)]
pub struct FixArgs {
    /// Text and Markdown files, or folders of them; `-` alone reads standard
    /// input and writes the fixed text to standard output.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Print a unified diff of the fixes instead of changing the files.
    #[arg(long)]
    pub diff: bool,
    /// For `-`: the name to report for standard input; its extension picks
    /// the format (text unless it ends in .md).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    #[command(flatten)]
    pub rule_options: RuleOptions,
    /// Switch off rules by id (comma-separated, repeatable).
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub disable: Vec<String>,
    /// Treat every document as this kind: assessment, policy or job-description.
    #[arg(long, value_name = "KIND", value_parser = parse_kind)]
    pub kind: Option<DocumentKind>,
    /// Treat every document as written for this audience: public or
    /// professional (overrides front matter and the config's [audiences]).
    #[arg(long, value_name = "AUDIENCE", value_parser = parse_audience)]
    pub audience: Option<Audience>,
}

#[derive(Debug, Args)]
pub struct LspArgs {
    /// The longest pause in typing, in milliseconds, to wait for before
    /// checking a long document again (the server waits as long as the
    /// document's last check took, if that was 10 ms or more, up to this).
    #[arg(long, value_name = "MS", default_value_t = 50)]
    pub debounce_ms: u64,
    /// Accepted for editors that start language servers with `--stdio`
    /// (standard input and output is the only transport).
    #[arg(long, hide = true)]
    pub stdio: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The port to listen on, at 127.0.0.1 [default: a free one].
    #[arg(long, value_name = "N", default_value_t = 0, hide_default_value = true)]
    pub port: u16,
    /// Print the page's address without opening the browser.
    #[arg(long)]
    pub no_open: bool,
    /// The largest document the page takes, in megabytes.
    #[arg(long, value_name = "N", default_value_t = ordinary::web::DEFAULT_MAX_UPLOAD_MB)]
    pub max_upload_mb: usize,
    #[command(flatten)]
    pub rule_options: RuleOptions,
    /// Switch off rules by id (comma-separated, repeatable).
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub disable: Vec<String>,
}
