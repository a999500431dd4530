//! Ed25519 signing keys kept as files in one directory.
//!
//! Each key is one file `<created>-<kid>.pem` holding the PKCS#8 PEM private
//! key, where `created` is a Unix timestamp in seconds and `kid` is the
//! RFC 7638 JWK thumbprint of the public key (SHA-256 over
//! `{"crv":"Ed25519","kty":"OKP","x":"…"}`, base64url without padding,
//! 43 characters). Anyone holding the JWKS can recompute the thumbprint, and
//! a key file whose name does not match its content is refused.
//!
//! The key with the largest `created` is the active signing key; older keys
//! stay so that certificates they signed keep verifying. [`KeyRing::rotate`]
//! always gives the new key a `created` strictly larger than every existing
//! one (the current time, or the newest key's time + 1 if the clock says
//! otherwise), so "newest" never depends on directory order or on two keys
//! sharing a second.
//!
//! Files are created with mode 0600 from the start (never chmod'ed
//! afterwards), and a key file that group or others may read is refused.

use std::fmt;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::SigningKey;
use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroize;

/// Key files are tiny; anything bigger is not one of ours.
const MAX_KEY_FILE: u64 = 16 * 1024;

/// Why the key directory could not be used.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("could not {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "certificate key file {} can be read by other users (mode {mode:03o}); run `chmod 600 {}` (and check who may have copied it)",
        path.display(),
        path.display()
    )]
    InsecurePermissions { path: PathBuf, mode: u32 },
    #[error(
        "{} is not a usable Ed25519 private key (PKCS#8 PEM expected): {reason}; move it out of the key directory",
        path.display()
    )]
    BadKeyFile { path: PathBuf, reason: String },
    #[error(
        "unexpected file name {}: certificate key files are named <unix-seconds>-<kid>.pem; move other .pem files out of the key directory",
        path.display()
    )]
    BadFileName { path: PathBuf },
    #[error(
        "key file {} holds the key with id {actual}, but its name says otherwise; the file was renamed or edited — restore the original name `<seconds>-{actual}.pem` only if you trust the file",
        path.display()
    )]
    KidMismatch { path: PathBuf, actual: String },
    #[error(
        "no certificate keys found in {}; start the server once (it creates the first key) or copy the key files back",
        dir.display()
    )]
    NoKeys { dir: PathBuf },
    #[error("could not create a signing key: the system random number generator failed ({0})")]
    Random(String),
    #[error("could not encode a signing key: {0}")]
    Encode(String),
}

/// One Ed25519 key of the ring.
struct StoredKey {
    kid: String,
    created: u64,
    signing: SigningKey,
}

/// The certificate signing keys of one installation, oldest first.
pub struct KeyRing {
    keys: Vec<StoredKey>,
}

impl fmt::Debug for KeyRing {
    // Only public information: never the private keys.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyRing")
            .field("active_kid", &self.active_kid())
            .field("kids", &self.kids())
            .finish()
    }
}

/// A JSON Web Key Set holding public keys only (RFC 7517).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jwks {
    pub keys: Vec<Jwk>,
}

/// One public key of a [`Jwks`]. Optional members are optional so that a
/// set containing other kinds of keys still parses; [`crate::token::verify`]
/// only accepts `OKP`/`Ed25519` keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jwk {
    pub kty: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crv: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    #[serde(rename = "use", default, skip_serializing_if = "Option::is_none")]
    pub use_: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
}

impl Jwks {
    /// Parses a JWKS document, e.g. one saved from the server for offline checks.
    pub fn from_json(json: &str) -> Result<Jwks, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// The key with this `kid`, if any (the first one if listed twice).
    pub fn find(&self, kid: &str) -> Option<&Jwk> {
        self.keys.iter().find(|k| k.kid.as_deref() == Some(kid))
    }
}

impl KeyRing {
    /// Loads the keys in `dir`, creating the directory (mode 0700) and a first
    /// key when there is none.
    pub fn open_or_create(dir: impl AsRef<Path>) -> Result<KeyRing, KeyError> {
        let dir = dir.as_ref();
        create_dir(dir)?;
        let keys = load_dir(dir)?;
        if !keys.is_empty() {
            return Ok(KeyRing { keys });
        }
        // Servers sharing the directory may start together: one creates the first key, the
        // others wait for it, so all of them sign and publish the same set.
        let lock = dir.join(".creating-first-key");
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&lock)
        {
            Ok(_) => {
                let created = create_key(dir, now_secs());
                let _ = fs::remove_file(&lock);
                created?;
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                for _ in 0..100 {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                    let keys = load_dir(dir)?;
                    if !keys.is_empty() {
                        return Ok(KeyRing { keys });
                    }
                }
                // The creator died half-way: take over.
                let _ = fs::remove_file(&lock);
                create_key(dir, now_secs())?;
            }
            Err(source) => {
                return Err(KeyError::Io {
                    action: "create the first-key lock",
                    path: lock,
                    source,
                });
            }
        }
        let keys = load_dir(dir)?;
        if keys.is_empty() {
            return Err(KeyError::NoKeys {
                dir: dir.to_path_buf(),
            });
        }
        Ok(KeyRing { keys })
    }

    /// Loads the keys in `dir` without creating anything.
    pub fn open(dir: impl AsRef<Path>) -> Result<KeyRing, KeyError> {
        let dir = dir.as_ref();
        let keys = if dir.exists() {
            load_dir(dir)?
        } else {
            Vec::new()
        };
        if keys.is_empty() {
            return Err(KeyError::NoKeys {
                dir: dir.to_path_buf(),
            });
        }
        Ok(KeyRing { keys })
    }

    /// Adds a new key to `dir` and makes it the active signing key; returns
    /// its kid. Running servers pick it up when they reopen the ring.
    pub fn rotate(dir: impl AsRef<Path>) -> Result<String, KeyError> {
        let dir = dir.as_ref();
        create_dir(dir)?;
        let existing = load_dir(dir)?;
        let newest = existing.last().map_or(0, |k| k.created);
        let created = now_secs().max(newest.saturating_add(1));
        create_key(dir, created)
    }

    /// Id of the key new signatures are made with.
    pub fn active_kid(&self) -> &str {
        self.keys.last().map_or("", |k| k.kid.as_str())
    }

    /// All key ids, oldest first.
    pub fn kids(&self) -> Vec<&str> {
        self.keys.iter().map(|k| k.kid.as_str()).collect()
    }

    /// The public keys, newest (active) first.
    pub fn jwks(&self) -> Jwks {
        Jwks {
            keys: self
                .keys
                .iter()
                .rev()
                .map(|k| public_jwk(&k.signing, &k.kid))
                .collect(),
        }
    }

    /// The active key as PKCS#8 DER for jsonwebtoken, with its kid.
    pub(crate) fn active_encoding_key(
        &self,
    ) -> Result<(jsonwebtoken::EncodingKey, String), KeyError> {
        let key = self.keys.last().ok_or(KeyError::NoKeys {
            dir: PathBuf::new(),
        })?;
        let der = key
            .signing
            .to_pkcs8_der()
            .map_err(|e| KeyError::Encode(e.to_string()))?;
        Ok((
            jsonwebtoken::EncodingKey::from_ed_der(der.as_bytes()),
            key.kid.clone(),
        ))
    }

    /// The active key's public JWK.
    pub(crate) fn active_jwk(&self) -> Option<Jwk> {
        self.keys.last().map(|k| public_jwk(&k.signing, &k.kid))
    }
}

/// RFC 7638 thumbprint of an Ed25519 public key given as base64url `x`.
pub(crate) fn thumbprint(x: &str) -> String {
    // Members in lexicographic order, no whitespace, as RFC 7638 requires.
    let canonical = format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{x}"}}"#);
    URL_SAFE_NO_PAD.encode(Sha256::digest(canonical.as_bytes()))
}

fn public_jwk(signing: &SigningKey, kid: &str) -> Jwk {
    let x = URL_SAFE_NO_PAD.encode(signing.verifying_key().as_bytes());
    Jwk {
        kty: "OKP".to_owned(),
        crv: Some("Ed25519".to_owned()),
        x: Some(x),
        kid: Some(kid.to_owned()),
        use_: Some("sig".to_owned()),
        alg: Some("EdDSA".to_owned()),
    }
}

fn kid_of(signing: &SigningKey) -> String {
    thumbprint(&URL_SAFE_NO_PAD.encode(signing.verifying_key().as_bytes()))
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn create_dir(dir: &Path) -> Result<(), KeyError> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|source| KeyError::Io {
        action: "create the key directory",
        path: dir.to_path_buf(),
        source,
    })
}

/// Reads every `*.pem` key in `dir`, sorted by (created, kid).
fn load_dir(dir: &Path) -> Result<Vec<StoredKey>, KeyError> {
    let entries = fs::read_dir(dir).map_err(|source| KeyError::Io {
        action: "list the key directory",
        path: dir.to_path_buf(),
        source,
    })?;
    let mut keys = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| KeyError::Io {
            action: "list the key directory",
            path: dir.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        // Temporary files of an interrupted write start with a dot.
        if name.starts_with('.') || !name.ends_with(".pem") {
            continue;
        }
        keys.push(load_key(&path, &name)?);
    }
    keys.sort_by(|a, b| (a.created, &a.kid).cmp(&(b.created, &b.kid)));
    Ok(keys)
}

fn parse_file_name(name: &str) -> Option<(u64, &str)> {
    let stem = name.strip_suffix(".pem")?;
    let (secs, kid) = stem.split_once('-')?;
    if secs.is_empty() || !secs.bytes().all(|b| b.is_ascii_digit()) || kid.is_empty() {
        return None;
    }
    Some((secs.parse().ok()?, kid))
}

fn load_key(path: &Path, name: &str) -> Result<StoredKey, KeyError> {
    let (created, named_kid) = parse_file_name(name).ok_or_else(|| KeyError::BadFileName {
        path: path.to_path_buf(),
    })?;
    let file = fs::File::open(path).map_err(|source| KeyError::Io {
        action: "open key file",
        path: path.to_path_buf(),
        source,
    })?;
    // Check the opened file itself, so a swap between check and read is moot.
    let meta = file.metadata().map_err(|source| KeyError::Io {
        action: "inspect key file",
        path: path.to_path_buf(),
        source,
    })?;
    if !meta.is_file() {
        return Err(KeyError::BadKeyFile {
            path: path.to_path_buf(),
            reason: "not a regular file".to_owned(),
        });
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(KeyError::InsecurePermissions {
                path: path.to_path_buf(),
                mode,
            });
        }
    }
    let mut pem = String::new();
    file.take(MAX_KEY_FILE + 1)
        .read_to_string(&mut pem)
        .map_err(|source| KeyError::Io {
            action: "read key file",
            path: path.to_path_buf(),
            source,
        })?;
    if pem.len() as u64 > MAX_KEY_FILE {
        pem.zeroize();
        return Err(KeyError::BadKeyFile {
            path: path.to_path_buf(),
            reason: "file is far too large".to_owned(),
        });
    }
    let parsed = SigningKey::from_pkcs8_pem(&pem);
    pem.zeroize();
    let signing = parsed.map_err(|e| KeyError::BadKeyFile {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let kid = kid_of(&signing);
    if kid != named_kid {
        return Err(KeyError::KidMismatch {
            path: path.to_path_buf(),
            actual: kid,
        });
    }
    Ok(StoredKey {
        kid,
        created,
        signing,
    })
}

/// Writes a fresh key as `<created>-<kid>.pem`; returns the kid.
fn create_key(dir: &Path, created: u64) -> Result<String, KeyError> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| KeyError::Random(e.to_string()))?;
    let signing = SigningKey::from_bytes(&seed);
    seed.zeroize();
    let kid = kid_of(&signing);
    let pem = signing
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(|e| KeyError::Encode(e.to_string()))?;

    let name = format!("{created}-{kid}.pem");
    let final_path = dir.join(&name);
    let tmp_path = dir.join(format!(".{name}.tmp"));
    let written = write_private(&tmp_path, pem.as_bytes()).and_then(|()| {
        fs::rename(&tmp_path, &final_path).map_err(|source| KeyError::Io {
            action: "move new key file into place",
            path: final_path.clone(),
            source,
        })
    });
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp_path);
        return Err(e);
    }
    // Make the new name durable before anything is signed with it.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(kid)
}

/// Creates `path` (must not exist) readable by the owner only and writes `bytes`.
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), KeyError> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let io = |action: &'static str| {
        move |source| KeyError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    };
    let mut file = options.open(path).map_err(io("create key file"))?;
    file.write_all(bytes).map_err(io("write key file"))?;
    file.sync_all().map_err(io("flush key file"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pem_files(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".pem"))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn key_ring_can_be_shared_between_server_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<KeyRing>();
        shared::<Jwks>();
    }

    #[test]
    fn creates_directory_and_first_key_once() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("data").join("certificate-keys");
        let ring = KeyRing::open_or_create(&dir).unwrap();
        let files = pem_files(&dir);
        assert_eq!(files.len(), 1);
        let kid = ring.active_kid().to_owned();
        assert_eq!(kid.len(), 43);
        assert!(files[0].ends_with(&format!("-{kid}.pem")));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(dir.join(&files[0]))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
            let mode = fs::metadata(&dir).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0);
        }
        let again = KeyRing::open_or_create(&dir).unwrap();
        assert_eq!(again.active_kid(), kid);
        assert_eq!(pem_files(&dir).len(), 1);
        let content = fs::read_to_string(dir.join(&files[0])).unwrap();
        assert!(
            content.starts_with("-----BEGIN PRIVATE KEY-----\n"),
            "{content}"
        );
    }

    #[test]
    fn kid_is_the_rfc7638_thumbprint() {
        // RFC 8037 appendix A.3: thumbprint of the example Ed25519 key.
        assert_eq!(
            thumbprint("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"),
            "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
        );
    }

    #[test]
    fn rotation_adds_a_newer_active_key_and_keeps_old_ones() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let first = KeyRing::open_or_create(dir)
            .unwrap()
            .active_kid()
            .to_owned();
        let second = KeyRing::rotate(dir).unwrap();
        let third = KeyRing::rotate(dir).unwrap();
        assert_ne!(first, second);
        assert_ne!(second, third);
        let ring = KeyRing::open_or_create(dir).unwrap();
        assert_eq!(ring.active_kid(), third);
        assert_eq!(
            ring.kids(),
            vec![first.as_str(), second.as_str(), third.as_str()]
        );
        let jwks = ring.jwks();
        let listed: Vec<&str> = jwks
            .keys
            .iter()
            .map(|k| k.kid.as_deref().unwrap())
            .collect();
        assert_eq!(
            listed,
            vec![third.as_str(), second.as_str(), first.as_str()]
        );
        // Strictly increasing timestamps even within one second.
        let times: Vec<u64> = pem_files(dir)
            .iter()
            .map(|n| parse_file_name(n).unwrap().0)
            .collect();
        let mut sorted = times.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), 3);
    }

    #[test]
    fn rotate_on_an_empty_directory_makes_one_key() {
        let tmp = tempfile::tempdir().unwrap();
        let kid = KeyRing::rotate(tmp.path()).unwrap();
        let ring = KeyRing::open(tmp.path()).unwrap();
        assert_eq!(ring.kids(), vec![kid.as_str()]);
    }

    #[test]
    fn open_without_keys_says_so() {
        let tmp = tempfile::tempdir().unwrap();
        let err = KeyRing::open(tmp.path().join("missing")).unwrap_err();
        assert!(matches!(err, KeyError::NoKeys { .. }), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn refuses_key_files_readable_by_others() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        KeyRing::open_or_create(tmp.path()).unwrap();
        let file = tmp.path().join(&pem_files(tmp.path())[0]);
        for mode in [0o644, 0o640, 0o604, 0o660] {
            fs::set_permissions(&file, fs::Permissions::from_mode(mode)).unwrap();
            let err = KeyRing::open_or_create(tmp.path()).unwrap_err();
            assert!(
                matches!(err, KeyError::InsecurePermissions { mode: m, .. } if m == mode),
                "{err}"
            );
            assert!(err.to_string().contains("chmod 600"));
        }
        fs::set_permissions(&file, fs::Permissions::from_mode(0o400)).unwrap();
        KeyRing::open_or_create(tmp.path()).unwrap();
    }

    #[test]
    fn refuses_bad_files_with_clear_errors() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let kid = KeyRing::open_or_create(dir)
            .unwrap()
            .active_kid()
            .to_owned();
        let good = dir.join(&pem_files(dir)[0]);

        // Renamed to claim another kid.
        let renamed = dir.join("5-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.pem");
        fs::rename(&good, &renamed).unwrap();
        let err = KeyRing::open_or_create(dir).unwrap_err();
        assert!(
            matches!(&err, KeyError::KidMismatch { actual, .. } if *actual == kid),
            "{err}"
        );
        fs::rename(&renamed, &good).unwrap();

        // Unexpected name.
        let odd = dir.join("server.pem");
        write_private(&odd, b"x").unwrap();
        let err = KeyRing::open_or_create(dir).unwrap_err();
        assert!(matches!(err, KeyError::BadFileName { .. }), "{err}");
        fs::remove_file(&odd).unwrap();

        // Garbage content.
        let junk = dir.join("7-abc.pem");
        write_private(
            &junk,
            b"-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n",
        )
        .unwrap();
        let err = KeyRing::open_or_create(dir).unwrap_err();
        assert!(matches!(err, KeyError::BadKeyFile { .. }), "{err}");
        fs::remove_file(&junk).unwrap();

        // Leftover temporary files and other files are ignored.
        write_private(&dir.join(".9-x.pem.tmp"), b"partial").unwrap();
        fs::write(dir.join("README"), b"keys").unwrap();
        assert_eq!(KeyRing::open_or_create(dir).unwrap().active_kid(), kid);
    }

    #[test]
    fn private_keys_never_leave_in_serialised_output() {
        let tmp = tempfile::tempdir().unwrap();
        let ring = KeyRing::open_or_create(tmp.path()).unwrap();
        KeyRing::rotate(tmp.path()).unwrap();
        let ring2 = KeyRing::open(tmp.path()).unwrap();
        let json = serde_json::to_string(&ring2.jwks()).unwrap();
        let debug = format!("{ring:?} {ring2:?}");
        for key in &ring2.keys {
            let seed = key.signing.to_bytes();
            for secret in [
                URL_SAFE_NO_PAD.encode(seed),
                base64::engine::general_purpose::STANDARD.encode(seed),
            ] {
                assert!(!json.contains(&secret));
                assert!(!debug.contains(&secret));
            }
        }
        assert!(!json.contains("\"d\""));
        assert!(!json.contains("PRIVATE"));
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        for k in value["keys"].as_array().unwrap() {
            let mut members: Vec<&str> =
                k.as_object().unwrap().keys().map(String::as_str).collect();
            members.sort();
            assert_eq!(members, ["alg", "crv", "kid", "kty", "use", "x"]);
            assert_eq!(k["kty"], "OKP");
            assert_eq!(k["crv"], "Ed25519");
            assert_eq!(k["use"], "sig");
            assert_eq!(k["alg"], "EdDSA");
            assert_eq!(
                thumbprint(k["x"].as_str().unwrap()),
                k["kid"].as_str().unwrap()
            );
        }
        // And it reads back, e.g. from a file saved for offline checks.
        assert_eq!(Jwks::from_json(&json).unwrap(), ring2.jwks());
    }
}
