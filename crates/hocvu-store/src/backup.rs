//! Backups of an SQLite deployment: one tar file holding a consistent snapshot of the
//! database, taken while servers write (SQLite's online backup API, copied inside one read
//! transaction, so the snapshot is one moment), and the key files that must survive with it.
//! A manifest records each file's SHA-256; restoring checks those and the database's own
//! integrity before anything in the target is replaced.

use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

const MANIFEST: &str = "hocvu-backup.json";
/// The database's name inside the archive.
pub const DATABASE: &str = "hocvu.db";

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("database {path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("{0} is not a hocvu backup (no {MANIFEST})")]
    NotABackup(PathBuf),
    #[error("the backup is damaged: {0}")]
    Damaged(String),
    #[error("{0}")]
    Refused(String),
}

/// A file kept next to the database: its name in the archive and where it lives.
pub struct StateFile {
    pub name: String,
    pub path: PathBuf,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn sqlite(path: &Path) -> impl FnOnce(rusqlite::Error) -> BackupError + '_ {
    move |source| BackupError::Sqlite {
        path: path.to_path_buf(),
        source,
    }
}

/// Copies the live database at `db` into a new file `to` in one step: one read transaction,
/// so writers carry on (WAL) and the copy is the database at a single moment.
pub fn snapshot_sqlite(db: &Path, to: &Path) -> Result<(), BackupError> {
    let source =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(sqlite(db))?;
    source
        .busy_timeout(std::time::Duration::from_secs(10))
        .map_err(sqlite(db))?;
    let mut target = rusqlite::Connection::open(to).map_err(sqlite(to))?;
    let backup = rusqlite::backup::Backup::new(&source, &mut target).map_err(sqlite(to))?;
    // Every page in one step (-1): one read transaction, not a copy restarted by each write.
    let mut waited = 0;
    loop {
        match backup.step(-1).map_err(sqlite(db))? {
            rusqlite::backup::StepResult::Done => break,
            _ if waited < 200 => {
                waited += 1;
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            _ => {
                return Err(BackupError::Refused(
                    "the database stayed locked for 10 s".into(),
                ));
            }
        }
    }
    drop(backup);
    // A standalone file: no WAL beside it.
    target
        .pragma_update(None, "journal_mode", "DELETE")
        .map_err(sqlite(to))?;
    Ok(())
}

/// `PRAGMA integrity_check` on a database file: `Err` with SQLite's first complaints.
pub fn check_sqlite(db: &Path) -> Result<(), BackupError> {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(sqlite(db))?;
    let problems: Vec<String> = conn
        .prepare("PRAGMA integrity_check(5)")
        .and_then(|mut s| {
            s.query_map([], |r| r.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()
        })
        .map_err(|e| BackupError::Damaged(format!("the database cannot be read: {e}")))?;
    match problems.as_slice() {
        [ok] if ok == "ok" => Ok(()),
        _ => Err(BackupError::Damaged(problems.join("; "))),
    }
}

fn sha256_of(path: &Path) -> Result<String, BackupError> {
    let mut file = std::fs::File::open(path).map_err(io(path))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf).map_err(io(path))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}

/// Writes the archive `out` (mode 0600: it holds the signing keys): a snapshot of `db`, then
/// each state file (a folder is taken with its files). Returns the files archived.
pub fn create(db: &Path, state: &[StateFile], out: &Path) -> Result<Vec<String>, BackupError> {
    if !db.exists() {
        return Err(BackupError::Refused(format!(
            "no database at {} (is --data-dir right?)",
            db.display()
        )));
    }
    let staging = out.with_extension("snapshot-tmp");
    let _ = std::fs::remove_file(&staging);
    snapshot_sqlite(db, &staging)?;
    let result = write_archive(&staging, state, out);
    let _ = std::fs::remove_file(&staging);
    result
}

fn write_archive(
    snapshot: &Path,
    state: &[StateFile],
    out: &Path,
) -> Result<Vec<String>, BackupError> {
    let mut files = vec![(DATABASE.to_string(), snapshot.to_path_buf())];
    for f in state {
        if f.path.is_dir() {
            let mut entries: Vec<_> = std::fs::read_dir(&f.path)
                .map_err(io(&f.path))?
                .filter_map(Result::ok)
                .filter(|e| e.path().is_file())
                .collect();
            entries.sort_by_key(|e| e.file_name());
            for e in entries {
                let name = format!("{}/{}", f.name, e.file_name().to_string_lossy());
                files.push((name, e.path()));
            }
        } else if f.path.is_file() {
            files.push((f.name.clone(), f.path.clone()));
        }
    }
    let mut manifest = serde_json::Map::new();
    for (name, path) in &files {
        manifest.insert(name.clone(), sha256_of(path)?.into());
    }
    let manifest = serde_json::json!({
        "format": 1,
        "created_at_ms": crate::now_ms(),
        "sha256": manifest,
    })
    .to_string();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(out).map_err(io(out))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(out, std::fs::Permissions::from_mode(0o600)).map_err(io(out))?;
    }
    let mut tar = tar::Builder::new(file);
    let mut header = tar::Header::new_gnu();
    header.set_size(manifest.len() as u64);
    header.set_mode(0o600);
    header.set_cksum();
    tar.append_data(&mut header, MANIFEST, manifest.as_bytes())
        .map_err(io(out))?;
    for (name, path) in &files {
        let mut f = std::fs::File::open(path).map_err(io(path))?;
        let len = f.metadata().map_err(io(path))?.len();
        let mut header = tar::Header::new_gnu();
        header.set_size(len);
        header.set_mode(0o600);
        header.set_cksum();
        tar.append_data(&mut header, name, &mut f)
            .map_err(io(out))?;
    }
    let mut file = tar.into_inner().map_err(io(out))?;
    file.flush().map_err(io(out))?;
    file.sync_all().map_err(io(out))?;
    Ok(files.into_iter().map(|(n, _)| n).collect())
}

/// Unpacks `archive` into the folder `staging` (created, must not exist) and checks it: every
/// file's SHA-256 against the manifest, and the database's integrity. Returns the file names.
pub fn unpack_checked(archive: &Path, staging: &Path) -> Result<Vec<String>, BackupError> {
    std::fs::create_dir(staging).map_err(io(staging))?;
    let file = std::fs::File::open(archive).map_err(io(archive))?;
    let mut tar = tar::Archive::new(file);
    let mut manifest: Option<serde_json::Value> = None;
    let mut names = Vec::new();
    for entry in tar.entries().map_err(io(archive))? {
        let mut entry = entry.map_err(io(archive))?;
        let name = entry
            .path()
            .map_err(io(archive))?
            .to_string_lossy()
            .into_owned();
        if name.split('/').any(|part| part == ".." || part.is_empty()) || name.starts_with('/') {
            return Err(BackupError::Damaged(format!("unexpected entry `{name}`")));
        }
        if name == MANIFEST {
            let mut text = String::new();
            entry.read_to_string(&mut text).map_err(io(archive))?;
            manifest = Some(
                serde_json::from_str(&text)
                    .map_err(|e| BackupError::Damaged(format!("{MANIFEST}: {e}")))?,
            );
            continue;
        }
        let target = staging.join(&name);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        entry.unpack(&target).map_err(io(&target))?;
        names.push(name);
    }
    let manifest = manifest.ok_or_else(|| BackupError::NotABackup(archive.to_path_buf()))?;
    let sums = manifest["sha256"]
        .as_object()
        .ok_or_else(|| BackupError::Damaged(format!("{MANIFEST} has no checksums")))?;
    for (name, sum) in sums {
        if !names.contains(name) {
            return Err(BackupError::Damaged(format!("`{name}` is missing")));
        }
        if Some(sha256_of(&staging.join(name))?.as_str()) != sum.as_str() {
            return Err(BackupError::Damaged(format!(
                "`{name}` does not match its checksum"
            )));
        }
    }
    if let Some(extra) = names.iter().find(|n| !sums.contains_key(*n)) {
        return Err(BackupError::Damaged(format!(
            "`{extra}` is not in the manifest"
        )));
    }
    if !names.iter().any(|n| n == DATABASE) {
        return Err(BackupError::Damaged(format!("no {DATABASE}")));
    }
    check_sqlite(&staging.join(DATABASE))?;
    Ok(names)
}

/// Restores `archive` over the database file `db` and the `state` files (callers make sure no
/// server runs on them). Nothing is replaced unless the whole archive checks out; the old
/// database's `-wal`/`-shm` files go too, or SQLite would replay them onto the restored file.
pub fn restore(archive: &Path, db: &Path, state: &[StateFile]) -> Result<Vec<String>, BackupError> {
    let dir = db.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let staging = dir.join(format!(".restore-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    let result = unpack_checked(archive, &staging).and_then(|names| {
        for f in state {
            let from = staging.join(&f.name);
            let is_dir = names.iter().any(|n| n.starts_with(&format!("{}/", f.name)));
            if is_dir {
                let _ = std::fs::remove_dir_all(&f.path);
                copy_private(&from, &f.path)?;
            } else if from.is_file() {
                copy_private(&from, &f.path)?;
            }
        }
        for suffix in ["-wal", "-shm"] {
            let side = PathBuf::from(format!("{}{suffix}", db.display()));
            match std::fs::remove_file(&side) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(&side)(e)),
                _ => {}
            }
        }
        let from = staging.join(DATABASE);
        std::fs::rename(&from, db).map_err(io(db))?;
        Ok(names)
    });
    let _ = std::fs::remove_dir_all(&staging);
    result
}

/// Copies a file, or a folder's files, keeping them readable by the owner only.
fn copy_private(from: &Path, to: &Path) -> Result<(), BackupError> {
    #[cfg(unix)]
    use std::os::unix::fs::PermissionsExt;
    if from.is_dir() {
        std::fs::create_dir_all(to).map_err(io(to))?;
        #[cfg(unix)]
        std::fs::set_permissions(to, std::fs::Permissions::from_mode(0o700)).map_err(io(to))?;
        for entry in std::fs::read_dir(from).map_err(io(from))? {
            let entry = entry.map_err(io(from))?;
            copy_private(&entry.path(), &to.join(entry.file_name()))?;
        }
        return Ok(());
    }
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(io(parent))?;
    }
    std::fs::copy(from, to).map_err(io(to))?;
    #[cfg(unix)]
    std::fs::set_permissions(to, std::fs::Permissions::from_mode(0o600)).map_err(io(to))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn database(dir: &Path) -> PathBuf {
        let db = dir.join("live.db");
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode=WAL; CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2);",
        )
        .unwrap();
        db
    }

    #[test]
    fn an_archive_round_trips_and_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let db = database(dir.path());
        std::fs::write(dir.path().join("session.key"), "abc").unwrap();
        std::fs::create_dir(dir.path().join("keys")).unwrap();
        std::fs::write(dir.path().join("keys/k1.pem"), "pem").unwrap();
        let out = dir.path().join("backup.tar");
        let state = [
            StateFile {
                name: "session.key".into(),
                path: dir.path().join("session.key"),
            },
            StateFile {
                name: "certificate-keys".into(),
                path: dir.path().join("keys"),
            },
        ];
        let files = create(&db, &state, &out).unwrap();
        assert_eq!(
            files,
            ["hocvu.db", "session.key", "certificate-keys/k1.pem"]
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&out).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let staging = dir.path().join("restored");
        unpack_checked(&out, &staging).unwrap();
        let conn = rusqlite::Connection::open(staging.join(DATABASE)).unwrap();
        let n: i64 = conn
            .query_row("SELECT COUNT(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 2);
        assert_eq!(
            std::fs::read_to_string(staging.join("certificate-keys/k1.pem")).unwrap(),
            "pem"
        );
    }

    #[test]
    fn a_damaged_or_foreign_archive_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = database(dir.path());
        let out = dir.path().join("backup.tar");
        create(&db, &[], &out).unwrap();
        // Flip a byte inside the database's data (past the tar headers and manifest).
        let mut bytes = std::fs::read(&out).unwrap();
        let at = bytes.len() / 2;
        bytes[at] ^= 0xff;
        std::fs::write(&out, &bytes).unwrap();
        let err = unpack_checked(&out, &dir.path().join("a"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("damaged") || err.contains("checksum"), "{err}");
        std::fs::write(&out, b"not a tar at all").unwrap();
        assert!(unpack_checked(&out, &dir.path().join("b")).is_err());
    }
}
