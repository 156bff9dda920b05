# Installs ordinary @VERSION@ from its GitHub release, on Windows:
#
#   powershell -ExecutionPolicy Bypass -c "irm https://github.com/@REPO@/releases/download/v@VERSION@/install.ps1 | iex"
#
# It downloads the Windows archive, checks it against its published
# SHA-256, puts it in %LOCALAPPDATA%\Programs\ordinary (or
# $env:ORDINARY_HOME), and adds that folder to your PATH.
# $env:ORDINARY_DOWNLOAD_URL replaces the release's address (a mirror).
$ErrorActionPreference = 'Stop'

$repo = '@REPO@'
$version = '@VERSION@'
$target = 'x86_64-pc-windows-msvc'
$name = "ordinary-$version-$target"
$base = if ($env:ORDINARY_DOWNLOAD_URL) { $env:ORDINARY_DOWNLOAD_URL } else { "https://github.com/$repo/releases/download/v$version" }
$url = "$base/$name.zip"
$dest = if ($env:ORDINARY_HOME) { $env:ORDINARY_HOME } else { Join-Path $env:LOCALAPPDATA 'Programs\ordinary' }

if (-not [Environment]::Is64BitOperatingSystem) {
    throw 'There is a release build for 64-bit Windows only.'
}

$temp = Join-Path ([IO.Path]::GetTempPath()) ([IO.Path]::GetRandomFileName())
New-Item -ItemType Directory -Path $temp | Out-Null
try {
    $zip = Join-Path $temp "$name.zip"
    Write-Host "Downloading $url"
    Invoke-WebRequest -Uri $url -OutFile $zip -UseBasicParsing
    # The .sha256 to a file and read as text: GitHub serves it as
    # application/octet-stream, for which a response's .Content is bytes.
    $sums = "$zip.sha256"
    Invoke-WebRequest -Uri "$url.sha256" -OutFile $sums -UseBasicParsing
    $expected = ((Get-Content -Path $sums -Raw).Trim() -split '\s+')[0]
    $actual = (Get-FileHash -Algorithm SHA256 -Path $zip).Hash
    if ($actual -ne $expected) {
        throw "The download's SHA-256 is $actual, not ${expected}: not installed."
    }
    Expand-Archive -Path $zip -DestinationPath $temp -Force
    New-Item -ItemType Directory -Path $dest -Force | Out-Null
    Copy-Item -Path (Join-Path $temp "$name\*") -Destination $dest -Recurse -Force
} finally {
    Remove-Item -Path $temp -Recurse -Force -ErrorAction SilentlyContinue
}

$userPath = [Environment]::GetEnvironmentVariable('Path', 'User')
if (-not (($userPath -split ';') -contains $dest)) {
    [Environment]::SetEnvironmentVariable('Path', "$dest;$userPath", 'User')
    Write-Host "Added $dest to your PATH: open a new terminal to use it."
}
& (Join-Path $dest 'ordinary.exe') --version
Write-Host "PowerShell completions: add this line to your profile (notepad `$PROFILE):"
Write-Host "  . '$dest\completions\_ordinary.ps1'"
