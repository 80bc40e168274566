//! Photos of an item: the type decided from the content (never the name), decoded under memory
//! and pixel limits (a decompression bomb is refused before it is decoded), turned upright by
//! its orientation, resized to at most 1,600 px with a thumbnail, and re-encoded as JPEG: the
//! stored file is never the uploaded bytes and carries no metadata (GPS, camera). At most two
//! decodings run at a time, off the async workers.

use std::io::Cursor;

use atlas_core::participation::{Problem, PHOTOS_MAX, PHOTO_MAX_BYTES, PHOTO_MAX_PIXELS, PHOTO_MAX_SIDE, PHOTO_THUMB_SIDE};
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use tokio::sync::Semaphore;

/// Decodings at once: each may hold a few hundred MB while it runs.
static DECODING: Semaphore = Semaphore::const_new(2);
/// The decoder's own ceiling on what it allocates (a 50 MP photo in RGBA is 200 MB).
const MAX_ALLOC: u64 = 400 * 1_048_576;
const QUALITY: u8 = 82;

/// A photo ready to store: the JPEG shown on the item's page, its thumbnail, its size.
#[derive(Clone, Debug)]
pub struct Photo {
    pub image: Vec<u8>,
    pub thumb: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// The format the bytes say they are (their signature), of the three accepted.
pub fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageFormat::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageFormat::Png)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(ImageFormat::WebP)
    } else {
        None
    }
}

fn jpeg(image: &DynamicImage) -> Result<Vec<u8>, Problem> {
    let mut out = Cursor::new(Vec::new());
    JpegEncoder::new_with_quality(&mut out, QUALITY).encode_image(&image.to_rgb8()).map_err(|_| Problem::PhotoUnreadable)?;
    Ok(out.into_inner())
}

/// One photo, synchronously (CPU-bound: call it through `prepare`).
pub fn process(bytes: &[u8]) -> Result<Photo, Problem> {
    if bytes.len() > PHOTO_MAX_BYTES {
        return Err(Problem::PhotoTooLarge);
    }
    let format = sniff(bytes).ok_or(Problem::PhotoType)?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(20_000);
    limits.max_image_height = Some(20_000);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| Problem::PhotoUnreadable)?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > PHOTO_MAX_PIXELS {
        return Err(Problem::PhotoUnreadable);
    }
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|_| Problem::PhotoUnreadable)?;
    image.apply_orientation(orientation);
    if image.width() > PHOTO_MAX_SIDE || image.height() > PHOTO_MAX_SIDE {
        image = image.resize(PHOTO_MAX_SIDE, PHOTO_MAX_SIDE, FilterType::Triangle);
    }
    // `thumbnail` also enlarges a smaller image: one that fits is its own thumbnail (the size
    // the pages give it).
    let thumb = if image.width() <= PHOTO_THUMB_SIDE && image.height() <= PHOTO_THUMB_SIDE { image.clone() } else { image.thumbnail(PHOTO_THUMB_SIDE, PHOTO_THUMB_SIDE) };
    Ok(Photo { image: jpeg(&image)?, thumb: jpeg(&thumb)?, width: image.width(), height: image.height() })
}

/// Every uploaded photo, processed two at a time at most across the server; every problem of
/// every photo at once (nothing is stored if one is refused).
pub async fn prepare(files: Vec<Vec<u8>>) -> Result<Vec<Photo>, Vec<Problem>> {
    if files.len() > PHOTOS_MAX {
        return Err(vec![Problem::PhotoTooMany]);
    }
    let mut photos = Vec::with_capacity(files.len());
    let mut problems = Vec::new();
    for bytes in files {
        let Ok(_permit) = DECODING.acquire().await else { return Err(vec![Problem::PhotoUnreadable]) };
        match tokio::task::spawn_blocking(move || process(&bytes)).await {
            Ok(Ok(photo)) => photos.push(photo),
            Ok(Err(p)) => problems.push(p),
            Err(_) => problems.push(Problem::PhotoUnreadable),
        }
    }
    if problems.is_empty() {
        Ok(photos)
    } else {
        problems.dedup();
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(w: u32, h: u32, format: ImageFormat) -> Vec<u8> {
        let image = DynamicImage::ImageRgb8(image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])));
        let mut out = Cursor::new(Vec::new());
        image.write_to(&mut out, format).unwrap();
        out.into_inner()
    }

    #[test]
    fn the_type_comes_from_the_content() {
        assert_eq!(sniff(&encoded(4, 4, ImageFormat::Jpeg)), Some(ImageFormat::Jpeg));
        assert_eq!(sniff(&encoded(4, 4, ImageFormat::Png)), Some(ImageFormat::Png));
        assert_eq!(sniff(&encoded(4, 4, ImageFormat::WebP)), Some(ImageFormat::WebP));
        assert_eq!(sniff(b"%PDF-1.7 renamed photo.jpg"), None);
        assert_eq!(process(b"%PDF-1.7 renamed photo.jpg").unwrap_err(), Problem::PhotoType);
    }

    #[test]
    fn a_large_photo_is_resized_and_re_encoded_with_a_thumbnail() {
        let photo = process(&encoded(2400, 1200, ImageFormat::Png)).unwrap();
        assert_eq!((photo.width, photo.height), (1600, 800));
        assert_eq!(sniff(&photo.image), Some(ImageFormat::Jpeg));
        let thumb = image::load_from_memory(&photo.thumb).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (400, 200));
        let small = process(&encoded(640, 480, ImageFormat::WebP)).unwrap();
        assert_eq!((small.width, small.height), (640, 480), "a small photo keeps its size");
    }

    #[test]
    fn a_damaged_file_is_refused() {
        let mut bytes = encoded(64, 64, ImageFormat::Png);
        bytes.truncate(40);
        assert_eq!(process(&bytes).unwrap_err(), Problem::PhotoUnreadable);
        assert_eq!(process(&vec![0xFF; PHOTO_MAX_BYTES + 1]).unwrap_err(), Problem::PhotoTooLarge);
    }
}
