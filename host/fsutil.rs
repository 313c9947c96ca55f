//! The host's one way to read and replace the files it shares with other `atlas` processes (the
//! plugin index, config.toml, the token and describe caches, compiled plugins):
//! - [`read_bounded`]: only a regular file is read (a FIFO or `/dev/zero` is refused before a
//!   byte is read, so it can neither hang nor exhaust memory), and only up to a size limit;
//! - [`lock`]: an exclusive advisory lock (`flock(LOCK_EX)` through std's `File::lock`) on a
//!   sibling `.<name>.lock` file, held across read → write → rename by every read-modify-write
//!   ([`lock_shared`]: for a reader that needs two files to agree);
//! - [`write_atomic`] (or [`stage`] then [`Staged::commit`]): a fresh 0600 temporary file in the
//!   same directory, written, fsynced and renamed over the target (then the directory fsynced),
//!   removed on every error path. Stale
//!   temporary files of a process that died mid-write (killed, disk full) are removed by the
//!   next write into that directory.
//!
//! Plain readers never lock: they see the old file or the new one, never half of one.

use std::fs::File;
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Creates `dir` and its parents; the directory itself gets mode 0700 on Unix.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// The contents of the regular file at `path` (symbolic links followed), `None` if there is
/// none. Anything else (a FIFO, a device, a directory) is an `InvalidInput` error, found without
/// blocking; a file over `limit` bytes is an `InvalidData` error, found after `limit + 1` bytes.
pub fn read_bounded(path: &Path, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // Opening a FIFO for reading blocks until a writer comes; O_NONBLOCK returns at once (and
    // changes nothing for a regular file).
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut options,
        rustix::fs::OFlags::NONBLOCK.bits() as i32,
    );
    let file = match options.open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        let what = file_kind(&meta);
        return Err(std::io::Error::new(
            ErrorKind::InvalidInput,
            format!("it is {what}, not a regular file"),
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::new(
            ErrorKind::InvalidData,
            format!("it is larger than {limit} bytes"),
        ));
    }
    Ok(Some(bytes))
}

/// What a file that is not a regular file is, for an error message.
fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a directory"
    } else {
        "a special file"
    }
}

/// An exclusive lock on a file's `.<name>.lock` sibling, released when dropped (or when the
/// process dies: the kernel drops `flock` locks with their last descriptor).
#[derive(Debug)]
pub struct Lock {
    file: File,
    path: PathBuf,
}

impl Lock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// Why a lock was not taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// The lock file could not be opened or locked.
    #[error("cannot lock {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Another process held it for longer than we wait.
    #[error("another atlas process has held {} for more than {} s", path.display(), waited.as_secs())]
    TimedOut { path: PathBuf, waited: Duration },
}

impl LockError {
    /// What to do about it.
    pub fn help(&self) -> Option<String> {
        match self {
            Self::TimedOut { .. } => Some(
                "wait for the other atlas command to finish (or stop it), then run this one again"
                    .into(),
            ),
            Self::Io { .. } => None,
        }
    }
}

/// The lock file that guards `target`: `.<name>.lock` in the same directory. It is never
/// removed: removing a lock file lets two processes lock two different files.
pub fn lock_path(target: &Path) -> PathBuf {
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("file");
    dir.join(format!(".{name}.lock"))
}

/// Takes the exclusive lock guarding `target` (its directory must exist), waiting at most `wait`
/// for another process to release it.
pub fn lock(target: &Path, wait: Duration) -> Result<Lock, LockError> {
    lock_as(target, wait, true)
}

/// Takes the lock guarding `target` shared: for a reader that needs `target` and the files it
/// names to agree, which writers (exclusive) change together.
pub fn lock_shared(target: &Path, wait: Duration) -> Result<Lock, LockError> {
    lock_as(target, wait, false)
}

fn lock_as(target: &Path, wait: Duration, exclusive: bool) -> Result<Lock, LockError> {
    let path = lock_path(target);
    let io = |source| LockError::Io {
        path: path.clone(),
        source,
    };
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(&path).map_err(io)?;
    let start = Instant::now();
    let mut pause = Duration::from_millis(1);
    loop {
        let tried = if exclusive {
            file.try_lock()
        } else {
            file.try_lock_shared()
        };
        match tried {
            Ok(()) => return Ok(Lock { file, path }),
            Err(std::fs::TryLockError::WouldBlock) => {}
            Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
        }
        if start.elapsed() >= wait {
            return Err(LockError::TimedOut { path, waited: wait });
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}

/// Replaces `path` with `bytes` (mode 0600): a fresh temporary file beside it, written, fsynced,
/// renamed over it, then the directory fsynced. On any error the temporary file is removed and
/// `path` is untouched. Stale temporary files of dead processes in the directory are removed
/// first.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    stage(path, bytes)?.commit()
}

/// The first half of [`write_atomic`]: `bytes` written and fsynced to a temporary file beside
/// `path`, which [`Staged::commit`] renames into place; dropped uncommitted, it is removed.
/// Lets a caller change another file (an index) between writing and renaming.
pub fn stage(path: &Path, bytes: &[u8]) -> std::io::Result<Staged> {
    let dir = path.parent().unwrap_or(Path::new("."));
    remove_stale_temps(dir);
    let (tmp, mut file) = create_temp(path)?;
    let staged = Staged {
        tmp,
        target: path.to_path_buf(),
        committed: false,
    };
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(staged)
}

/// Moves `path` aside to a temporary name ([`Staged::commit`] puts it back; dropped, it is
/// deleted): a removal that can be undone until the caller's other change has succeeded.
pub fn stage_removal(path: &Path) -> std::io::Result<Staged> {
    let (tmp, file) = create_temp(path)?;
    drop(file);
    if let Err(e) = std::fs::rename(path, &tmp) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(Staged {
        tmp,
        target: path.to_path_buf(),
        committed: false,
    })
}

/// A temporary file waiting to be renamed over its target ([`stage`], [`stage_removal`]).
#[derive(Debug)]
pub struct Staged {
    tmp: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staged {
    /// Renames the temporary file over the target, then fsyncs the directory.
    pub fn commit(mut self) -> std::io::Result<()> {
        std::fs::rename(&self.tmp, &self.target)?;
        self.committed = true;
        // The rename is durable once the directory is; a file system that cannot fsync a
        // directory has still replaced the file, so this is not worth failing the write for.
        #[cfg(unix)]
        if let Some(d) = self.target.parent().and_then(|d| File::open(d).ok()) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// `.<name>.<pid>-<n>.tmp` beside `path`, created exclusively with mode 0600.
fn create_temp(path: &Path) -> std::io::Result<(PathBuf, File)> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut attempts = 0;
    loop {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.{}-{n}{TEMP_SUFFIX}", std::process::id()));
        match options.open(&tmp) {
            Ok(file) => return Ok((tmp, file)),
            // Left by an earlier process with our pid: take the next number.
            Err(e) if e.kind() == ErrorKind::AlreadyExists && attempts < 100 => attempts += 1,
            Err(e) => return Err(e),
        }
    }
}

const TEMP_SUFFIX: &str = ".tmp";

/// The process that writes the temporary file `name` (`.<target>.<pid>-<n>.tmp`, or the older
/// `.<target>.<pid>.tmp`), if `name` is one.
fn temp_owner(name: &str) -> Option<u32> {
    let stem = name.strip_prefix('.')?.strip_suffix(TEMP_SUFFIX)?;
    let (_, last) = stem.rsplit_once('.')?;
    let pid = last.split_once('-').map_or(last, |(pid, _)| pid);
    pid.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| pid.parse().ok())?
}

/// Removes the temporary files in `dir` whose writer is gone (killed mid-write, or its cleanup
/// failed with the disk full). A live writer's file is left alone.
pub fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_owner) else {
            continue;
        };
        if !alive(pid, &entry) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether process `pid` may still be writing `entry`.
#[cfg(unix)]
fn alive(pid: u32, _entry: &std::fs::DirEntry) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    // Signal 0 only checks: ESRCH means no such process; EPERM, someone else's (alive).
    !matches!(
        rustix::process::test_kill_process(pid),
        Err(rustix::io::Errno::SRCH)
    )
}

/// Whether the writer of `entry` may still be writing it: off Unix, files younger than an hour.
#[cfg(not(unix))]
fn alive(_pid: u32, entry: &std::fs::DirEntry) -> bool {
    entry
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_none_or(|age| age < Duration::from_secs(3600))
}

#[cfg(test)]
mod tests;
