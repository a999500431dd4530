//! Probing one narration file: its container (from its first bytes, to catch a file renamed to
//! another extension), codec, duration, sample rate and channels, with symphonia.
//!
//! Every packet is demuxed, and decoded where symphonia has the decoder (MP3, AAC, Vorbis):
//! a damaged or cut-off file is refused here rather than stopping half-way on a learner's phone.
//! symphonia has no Opus decoder, so Opus is checked by demuxing (Ogg pages carry a CRC, checked
//! by symphonia) and by the Ogg end-of-stream flag; its duration is the last granule position
//! minus the pre-skip, which is exact (RFC 7845 §4).

use serde::{Deserialize, Serialize};
use std::io::Cursor;
use symphonia::core::codecs::{
    CODEC_TYPE_AAC, CODEC_TYPE_MP3, CODEC_TYPE_OPUS, CODEC_TYPE_VORBIS, CodecType, DecoderOptions,
};
use symphonia::core::errors::Error as SymphoniaError;
use symphonia::core::formats::FormatOptions;
use symphonia::core::io::MediaSourceStream;
use symphonia::core::meta::MetadataOptions;
use symphonia::core::probe::Hint;

/// Containers a narration may come in, told apart by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Container {
    Ogg,
    WebM,
    Mp4,
    Mp3,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Codec {
    Opus,
    Vorbis,
    Aac,
    Mp3,
}

/// File extensions a narration may have, with the container and codecs each promises.
pub const EXTENSIONS: [(&str, Container, &[Codec]); 5] = [
    ("opus", Container::Ogg, &[Codec::Opus]),
    ("ogg", Container::Ogg, &[Codec::Opus, Codec::Vorbis]),
    ("webm", Container::WebM, &[Codec::Opus, Codec::Vorbis]),
    ("m4a", Container::Mp4, &[Codec::Aac]),
    ("mp3", Container::Mp3, &[Codec::Mp3]),
];

impl Container {
    pub fn content_type(self) -> &'static str {
        match self {
            Container::Ogg => "audio/ogg",
            Container::WebM => "audio/webm",
            Container::Mp4 => "audio/mp4",
            Container::Mp3 => "audio/mpeg",
        }
    }

    /// The usual extension for a file of this container holding `codec`.
    pub fn extension(self, codec: Codec) -> &'static str {
        match (self, codec) {
            (Container::Ogg, Codec::Opus) => "opus",
            (Container::Ogg, _) => "ogg",
            (Container::WebM, _) => "webm",
            (Container::Mp4, _) => "m4a",
            (Container::Mp3, _) => "mp3",
        }
    }

    /// From the first bytes; `None` when it is none of the supported containers.
    pub fn sniff(bytes: &[u8]) -> Option<Container> {
        if bytes.starts_with(b"OggS") {
            Some(Container::Ogg)
        } else if bytes.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) {
            Some(Container::WebM)
        } else if bytes.get(4..8) == Some(b"ftyp") {
            Some(Container::Mp4)
        } else if bytes.starts_with(b"ID3")
            || (bytes.len() > 1 && bytes[0] == 0xFF && bytes[1] & 0xE0 == 0xE0)
        {
            Some(Container::Mp3)
        } else {
            None
        }
    }
}

/// What a narration file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Probe {
    pub container: Container,
    pub codec: Codec,
    pub duration_ms: u64,
    pub sample_rate: u32,
    pub channels: u32,
    pub bytes: u64,
}

impl Probe {
    /// Average bits per second over the whole file, container included.
    pub fn kbit_per_s(&self) -> u64 {
        (self.bytes * 8).checked_div(self.duration_ms).unwrap_or(0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProbeError {
    /// Not audio at all, damaged, cut off, or a codec we do not serve.
    #[error("{0}")]
    Undecodable(String),
    /// Audio, but not what its extension says.
    #[error("{0}")]
    Mislabelled(String),
}

/// Probes `bytes`, which claim to be a `.{extension}` file.
pub fn probe(bytes: &[u8], extension: &str) -> Result<Probe, ProbeError> {
    let Some(&(_, expected, codecs)) = EXTENSIONS.iter().find(|(e, ..)| *e == extension) else {
        return Err(ProbeError::Mislabelled(format!(
            "`.{extension}` is not a narration format: use {}",
            extension_list()
        )));
    };
    let container = Container::sniff(bytes).ok_or_else(|| {
        ProbeError::Undecodable("not an audio file (Ogg, WebM, MP4 or MP3)".to_string())
    })?;
    if container != expected {
        return Err(ProbeError::Mislabelled(format!(
            "the file is {} audio but is named `.{extension}`: rename it `.{}`",
            container.content_type(),
            container.extension(Codec::Opus.or_for(container))
        )));
    }
    let probe = demux(bytes, container)?;
    if !codecs.contains(&probe.codec) {
        return Err(ProbeError::Mislabelled(format!(
            "the file holds {:?} audio, which a `.{extension}` file must not: rename it `.{}`",
            probe.codec,
            container.extension(probe.codec)
        )));
    }
    Ok(probe)
}

/// Probes an upload whose name says nothing: the extension is the one its content calls for
/// (`Container::extension` of the probe).
pub fn probe_any(bytes: &[u8]) -> Result<Probe, ProbeError> {
    let container = Container::sniff(bytes).ok_or_else(|| {
        ProbeError::Undecodable("not an audio file (Ogg, WebM, MP4 or MP3)".to_string())
    })?;
    demux(bytes, container)
}

impl Codec {
    /// The codec to suggest in a rename message when only the container is known.
    fn or_for(self, container: Container) -> Codec {
        match container {
            Container::Ogg | Container::WebM => self,
            Container::Mp4 => Codec::Aac,
            Container::Mp3 => Codec::Mp3,
        }
    }

    fn from_symphonia(codec: CodecType) -> Option<Codec> {
        match codec {
            CODEC_TYPE_OPUS => Some(Codec::Opus),
            CODEC_TYPE_VORBIS => Some(Codec::Vorbis),
            CODEC_TYPE_AAC => Some(Codec::Aac),
            CODEC_TYPE_MP3 => Some(Codec::Mp3),
            _ => None,
        }
    }
}

pub fn extension_list() -> String {
    EXTENSIONS
        .iter()
        .map(|(e, ..)| format!("`.{e}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn undecodable(why: impl std::fmt::Display) -> ProbeError {
    ProbeError::Undecodable(format!("the audio cannot be read: {why}"))
}

fn demux(bytes: &[u8], container: Container) -> Result<Probe, ProbeError> {
    let source = MediaSourceStream::new(Box::new(Cursor::new(bytes.to_vec())), Default::default());
    let mut hint = Hint::new();
    hint.with_extension(container.extension(Codec::Opus.or_for(container)));
    let options = FormatOptions {
        enable_gapless: true,
        ..Default::default()
    };
    let probed = symphonia::default::get_probe()
        .format(&hint, source, &options, &MetadataOptions::default())
        .map_err(undecodable)?;
    let mut format = probed.format;
    let track = format
        .default_track()
        .ok_or_else(|| undecodable("no audio track"))?
        .clone();
    let params = &track.codec_params;
    let codec = Codec::from_symphonia(params.codec).ok_or_else(|| {
        ProbeError::Undecodable(
            "the audio codec is not Opus, Vorbis, AAC or MP3: export the recording as Opus"
                .to_string(),
        )
    })?;
    let sample_rate = params
        .sample_rate
        .ok_or_else(|| undecodable("no sample rate"))?;
    let mut channels = params.channels.map_or(0, |c| c.count() as u32);
    let mut decoder = if codec == Codec::Opus {
        None
    } else {
        Some(
            symphonia::default::get_codecs()
                .make(params, &DecoderOptions::default())
                .map_err(undecodable)?,
        )
    };
    let time_base = params.time_base;
    let (mut first, mut end, mut packets) = (None::<u64>, 0u64, 0u64);
    loop {
        let packet = match format.next_packet() {
            Ok(p) => p,
            Err(SymphoniaError::IoError(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                break;
            }
            Err(e) => return Err(undecodable(e)),
        };
        if packet.track_id() != track.id {
            continue;
        }
        packets += 1;
        first = Some(first.map_or(packet.ts, |f| f.min(packet.ts)));
        end = end.max(packet.ts + packet.dur);
        if let Some(decoder) = decoder.as_mut() {
            let decoded = decoder.decode(&packet).map_err(undecodable)?;
            channels = channels.max(decoded.spec().channels.count() as u32);
        }
    }
    if packets == 0 {
        return Err(undecodable("no sound in it"));
    }
    let duration_ms = if container == Container::Ogg && codec == Codec::Opus {
        ogg_opus_duration_ms(bytes)?
    } else {
        let tb = time_base.ok_or_else(|| undecodable("no time base"))?;
        let frames = end.saturating_sub(first.unwrap_or(0));
        let t = tb.calc_time(frames);
        t.seconds * 1000 + (t.frac * 1000.0).round() as u64
    };
    if channels == 0 {
        channels = 1;
    }
    Ok(Probe {
        container,
        codec,
        duration_ms,
        sample_rate,
        channels,
        bytes: bytes.len() as u64,
    })
}

/// Last granule position minus pre-skip, at Opus's 48 kHz. The pages are walked by their own
/// lengths: the file must end exactly at the end of its end-of-stream page, or it was cut off.
fn ogg_opus_duration_ms(bytes: &[u8]) -> Result<u64, ProbeError> {
    let head = find(bytes, b"OpusHead").ok_or_else(|| undecodable("no Opus header"))?;
    let pre_skip = bytes
        .get(head + 10..head + 12)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
        .ok_or_else(|| undecodable("Opus header cut off"))?;
    let cut_off = || undecodable("the file is cut off (its last Ogg page is incomplete)");
    let (mut at, mut granule, mut ended) = (0usize, 0u64, false);
    while at < bytes.len() {
        let page = &bytes[at..];
        let (Some(b"OggS"), Some(&flags), Some(g), Some(&segments)) =
            (page.get(..4), page.get(5), page.get(6..14), page.get(26))
        else {
            return Err(cut_off());
        };
        let lacing = page
            .get(27..27 + usize::from(segments))
            .ok_or_else(cut_off)?;
        let len = 27 + lacing.len() + lacing.iter().map(|&b| usize::from(b)).sum::<usize>();
        if len > page.len() {
            return Err(cut_off());
        }
        let mut raw = [0u8; 8];
        raw.copy_from_slice(g);
        if u64::from_le_bytes(raw) != u64::MAX {
            granule = u64::from_le_bytes(raw);
        }
        ended = flags & 0x04 != 0;
        at += len;
    }
    if !ended {
        return Err(undecodable(
            "the file is cut off (the Ogg stream has no end-of-stream page)",
        ));
    }
    let samples = granule.saturating_sub(u64::from(pre_skip));
    Ok((samples * 1000 + 24) / 48_000)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
