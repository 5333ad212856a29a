//! The one number of an XLS file that its reader reserves memory for: each
//! sheet's DIMENSIONS record (rows × columns of the used range). A 7 KB
//! file can declare four billion rows, and the reader then asks for
//! terabytes, which ends the program. So before the reader opens an XLS,
//! this finds its `Workbook` stream inside the compound file (OLE, [MS-CFB])
//! and the DIMENSIONS of every sheet in it ([MS-XLS] 2.4.90), and refuses a
//! range over [`MAX_CELLS`] cells.
//!
//! The reader also follows the file's chains of sectors until they end,
//! and a chain that loops back on itself never ends: it then fills memory
//! with the same sectors. So the chains it follows (the directory, the mini
//! stream and its table, the workbook stream) are walked here first, and a
//! loop is refused as a damaged file.
//!
//! Everything here reads from the bytes already in memory, bounded by their
//! length: a chain of sectors is followed at most as many steps as the file
//! has sectors. A file this cannot otherwise make sense of passes: the
//! reader then says it is damaged.

use std::path::Path;

use super::ImportError;
use super::limits::{Exceeded, MAX_CELLS, grouped};

const SIGNATURE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
/// Sector numbers at or above this mark the end of a chain (or free ones).
const LAST_SECTOR: u32 = 0xFFFF_FFFA;

/// The end of a chain of sectors.
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

/// Refuses an XLS file whose sheets declare more cells than the import
/// reads, or whose sector chains loop.
pub fn check(bytes: &[u8], path: &Path) -> Result<(), ImportError> {
    if !bytes.starts_with(SIGNATURE) {
        return Ok(());
    }
    if let Some(file) = Compound::new(bytes)
        && let Some(chain) = file.looping_chain()
    {
        return Err(ImportError::Corrupt {
            detail: format!("the compound file's {chain} chain loops"),
            path: path.to_owned(),
        });
    }
    dimensions(bytes).map_err(|exceeded| exceeded.at(path))
}

/// Refuses sheets that declare more cells than the import reads.
fn dimensions(bytes: &[u8]) -> Result<(), Exceeded> {
    let Some(stream) = workbook_stream(bytes) else {
        return Ok(());
    };
    let mut starts = vec![0usize];
    starts.extend(sheet_offsets(&stream));
    for start in starts {
        for (typ, data) in records(&stream, start) {
            if typ == 0x0200
                && let Some(cells) = declared_cells(data)
                && cells > MAX_CELLS as u64
            {
                return Err(Exceeded(format!(
                    "其中一个工作表声明的范围有 {} 个单元格，最多读 {} 个",
                    grouped(cells),
                    grouped(MAX_CELLS as u64)
                )));
            }
            if typ == 0x000A && start != 0 {
                break;
            }
        }
    }
    Ok(())
}

/// The records (type, data) from `start` to the end of the stream.
fn records(stream: &[u8], start: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut at = start;
    std::iter::from_fn(move || {
        let head = stream.get(at..at.checked_add(4)?)?;
        let typ = u16::from_le_bytes([head[0], head[1]]);
        let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some((typ, data))
    })
}

/// Where each sheet's records begin: the BOUNDSHEET records of the
/// workbook's globals, up to their EOF.
fn sheet_offsets(stream: &[u8]) -> Vec<usize> {
    let mut offsets = Vec::new();
    for (typ, data) in records(stream, 0) {
        match typ {
            0x0085 if data.len() >= 4 => {
                offsets.push(u32::from_le_bytes([data[0], data[1], data[2], data[3]]) as usize);
            }
            0x000A => break,
            _ => {}
        }
    }
    offsets
}

/// The number of cells a DIMENSIONS record declares, computed as the
/// reader computes it (with its wrap-around on a last row before the first).
fn declared_cells(data: &[u8]) -> Option<u64> {
    let u16_at = |at: usize| Some(u32::from(u16::from_le_bytes([*data.get(at)?, *data.get(at + 1)?])));
    let u32_at = |at: usize| Some(u32::from_le_bytes(data.get(at..at + 4)?.try_into().ok()?));
    let (first_row, last_row, mut first_col, last_col) = match data.len() {
        10 => (u16_at(0)?, u16_at(2)?, u16_at(4)?, u16_at(6)?),
        14 | 16 => (u32_at(0)?, u32_at(4)?, u16_at(8)?, u16_at(10)?),
        _ => return None,
    };
    if first_col > 0xFF || last_col < first_col {
        first_col = 0;
    }
    if last_row < 1 || last_col < 1 {
        return Some(1);
    }
    let rows = (last_row - 1).wrapping_sub(first_row).wrapping_add(1);
    let cols = (last_col - 1).wrapping_sub(first_col).wrapping_add(1);
    Some(u64::from(rows) * u64::from(cols))
}

/// The `Workbook` (or older `Book`) stream of a compound file.
fn workbook_stream(bytes: &[u8]) -> Option<Vec<u8>> {
    if !bytes.starts_with(SIGNATURE) {
        return None;
    }
    let file = Compound::new(bytes)?;
    let directory = file.chain(file.u32_at(0x30)?, &file.fat);
    let entries: Vec<&[u8]> = directory.chunks_exact(128).collect();
    let root = entries.first()?;
    let wanted = entries
        .iter()
        .find(|e| entry_name(e) == "Workbook")
        .or_else(|| entries.iter().find(|e| entry_name(e) == "Book"))?;
    let start = u32::from_le_bytes(wanted.get(0x74..0x78)?.try_into().ok()?);
    let size = u32::from_le_bytes(wanted.get(0x78..0x7C)?.try_into().ok()?) as usize;
    let mut stream = if size < file.u32_at(0x38)? as usize {
        // A small stream lives in the mini stream, the root entry's chain.
        let mini_fat = file.chain(file.u32_at(0x3C)?, &file.fat);
        let mini_fat: Vec<u32> = words(&mini_fat).collect();
        let root_start = u32::from_le_bytes(root.get(0x74..0x78)?.try_into().ok()?);
        let mini = file.chain(root_start, &file.fat);
        let mini_size = 1usize << file.u16_at(0x20)?.min(12);
        chain_in(&mini, start, &mini_fat, mini_size)
    } else {
        file.chain(start, &file.fat)
    };
    stream.truncate(size);
    Some(stream)
}

/// A directory entry's name (UTF-16, its length in bytes at 0x40).
fn entry_name(entry: &[u8]) -> String {
    let len = entry
        .get(0x40..0x42)
        .map_or(0, |b| usize::from(u16::from_le_bytes([b[0], b[1]])))
        .min(64);
    let units: Vec<u16> = entry[..len.saturating_sub(2)]
        .chunks_exact(2)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
        .collect();
    String::from_utf16_lossy(&units)
}

fn words(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    bytes
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// A compound file in memory, with its sector size and allocation table.
struct Compound<'b> {
    bytes: &'b [u8],
    sector_size: usize,
    fat: Vec<u32>,
}

impl<'b> Compound<'b> {
    fn new(bytes: &'b [u8]) -> Option<Self> {
        let shift = u16::from_le_bytes(bytes.get(0x1E..0x20)?.try_into().ok()?);
        if shift != 9 && shift != 12 {
            return None;
        }
        let mut file = Self {
            bytes,
            sector_size: 1 << shift,
            fat: Vec::new(),
        };
        // The sectors of the allocation table: 109 in the header, the rest
        // in a chain of DIFAT sectors (each ending in the next one's number).
        let mut fat_sectors: Vec<u32> = words(bytes.get(0x4C..0x200)?).collect();
        let mut next = file.u32_at(0x44)?;
        let per_sector = file.sector_size / 4 - 1;
        for _ in 0..file.sectors() {
            let Some(sector) = file.sector(next) else { break };
            let entries: Vec<u32> = words(sector).collect();
            fat_sectors.extend(&entries[..per_sector]);
            next = entries[per_sector];
        }
        let mut fat = Vec::new();
        for id in fat_sectors.into_iter().filter(|&id| id < LAST_SECTOR) {
            if let Some(sector) = file.sector(id) {
                fat.extend(words(sector));
            }
        }
        file.fat = fat;
        Some(file)
    }

    /// The first chain the reader follows that never ends, if any.
    fn looping_chain(&self) -> Option<&'static str> {
        let directory_start = self.u32_at(0x30)?;
        if !self.ends(directory_start) {
            return Some("directory");
        }
        let directory = self.chain(directory_start, &self.fat);
        let entries: Vec<&[u8]> = directory.chunks_exact(128).collect();
        let start_of = |entry: &[u8]| Some(u32::from_le_bytes(entry.get(0x74..0x78)?.try_into().ok()?));
        let size_of = |entry: &[u8]| Some(u32::from_le_bytes(entry.get(0x78..0x7C)?.try_into().ok()?));
        if self.u32_at(0x40)? > 0 {
            if !self.ends(self.u32_at(0x3C)?) {
                return Some("mini FAT");
            }
            if !self.ends(start_of(entries.first()?)?) {
                return Some("mini stream");
            }
        }
        for entry in entries
            .iter()
            .filter(|e| matches!(entry_name(e).as_str(), "Workbook" | "Book"))
        {
            if size_of(entry)? >= 4096 && !self.ends(start_of(entry)?) {
                return Some("workbook stream");
            }
        }
        None
    }

    /// Whether following the chain from `start` as the reader does ends
    /// (at its end mark, or at a sector the reader refuses) rather than
    /// going round for ever.
    fn ends(&self, start: u32) -> bool {
        let mut id = start;
        for _ in 0..=self.sectors() {
            if id == END_OF_CHAIN || id >= LAST_SECTOR || id as usize > self.sectors() {
                return true;
            }
            let Some(&next) = self.fat.get(id as usize) else {
                return true;
            };
            id = next;
        }
        false
    }

    fn u32_at(&self, at: usize) -> Option<u32> {
        Some(u32::from_le_bytes(self.bytes.get(at..at + 4)?.try_into().ok()?))
    }

    fn u16_at(&self, at: usize) -> Option<u16> {
        Some(u16::from_le_bytes(self.bytes.get(at..at + 2)?.try_into().ok()?))
    }

    /// How many sectors the file holds (a bound for every chain).
    fn sectors(&self) -> usize {
        self.bytes.len() / self.sector_size
    }

    fn sector(&self, id: u32) -> Option<&'b [u8]> {
        if id >= LAST_SECTOR {
            return None;
        }
        let start = (id as usize).checked_add(1)?.checked_mul(self.sector_size)?;
        self.bytes.get(start..start.checked_add(self.sector_size)?)
    }

    /// The bytes of the chain of file sectors starting at `start`.
    fn chain(&self, start: u32, fat: &[u32]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut id = start;
        for _ in 0..self.sectors() {
            let Some(sector) = self.sector(id) else { break };
            out.extend_from_slice(sector);
            let Some(&next) = fat.get(id as usize) else { break };
            id = next;
        }
        out
    }
}

/// The bytes of a chain of `size`-byte sectors inside `area` (the mini
/// stream), at most as many steps as `area` has sectors.
fn chain_in(area: &[u8], start: u32, table: &[u32], size: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut id = start as usize;
    for _ in 0..area.len() / size.max(1) {
        let Some(sector) = id.checked_mul(size).and_then(|at| area.get(at..at + size)) else {
            break;
        };
        out.extend_from_slice(sector);
        let Some(&next) = table.get(id) else { break };
        id = next as usize;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dimensions(first_row: u32, last_row: u32, first_col: u16, last_col: u16) -> Vec<u8> {
        let mut data = Vec::new();
        data.extend(first_row.to_le_bytes());
        data.extend(last_row.to_le_bytes());
        data.extend(first_col.to_le_bytes());
        data.extend(last_col.to_le_bytes());
        data.extend([0, 0]);
        data
    }

    #[test]
    fn the_declared_cells_are_counted_as_the_reader_counts_them() {
        assert_eq!(declared_cells(&dimensions(0, 10, 0, 5)), Some(50));
        assert_eq!(declared_cells(&dimensions(0, 0, 0, 0)), Some(1));
        assert_eq!(
            declared_cells(&dimensions(0, u32::MAX, 0, 256)),
            Some(u64::from(u32::MAX) * 256)
        );
        // A last row before the first wraps around, as in the reader.
        assert_eq!(declared_cells(&dimensions(10, 5, 0, 1)), Some(u64::from(u32::MAX) - 4));
        assert_eq!(declared_cells(&[0; 3]), None);
    }

    #[test]
    fn a_committed_xls_passes_and_its_dimensions_are_found() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/roster-sample.xls");
        let bytes = std::fs::read(path).unwrap();
        let stream = workbook_stream(&bytes).expect("the Workbook stream");
        let offsets = sheet_offsets(&stream);
        assert!(!offsets.is_empty());
        let found = offsets
            .iter()
            .flat_map(|&at| records(&stream, at).take_while(|(typ, _)| *typ != 0x000A))
            .filter(|(typ, _)| *typ == 0x0200)
            .count();
        assert!(found >= 1, "no DIMENSIONS record");
        assert!(check(&bytes, Path::new("a.xls")).is_ok());
    }

    #[test]
    fn a_directory_chain_that_loops_is_a_damaged_file() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/roster-sample.xls");
        let mut bytes = std::fs::read(path).unwrap();
        let file = Compound::new(&bytes).unwrap();
        assert_eq!(file.looping_chain(), None);
        // The directory's first sector made to point at itself.
        let directory = file.u32_at(0x30).unwrap() as usize;
        let fat_sector = file.u32_at(0x4C).unwrap() as usize;
        let at = (fat_sector + 1) * file.sector_size + directory * 4;
        bytes[at..at + 4].copy_from_slice(&(directory as u32).to_le_bytes());
        let file = Compound::new(&bytes).unwrap();
        assert_eq!(file.looping_chain(), Some("directory"));
        let refused = check(&bytes, Path::new("坏.xls")).unwrap_err();
        assert!(matches!(refused, ImportError::Corrupt { .. }), "{refused:?}");
    }

    #[test]
    fn anything_else_passes_without_a_panic() {
        let path = Path::new("a.xls");
        assert!(check(b"", path).is_ok());
        assert!(check(SIGNATURE, path).is_ok());
        let mut header = SIGNATURE.to_vec();
        header.resize(4096, 0xFF);
        assert!(check(&header, path).is_ok());
    }
}
