// Fixed-argument wrappers around libvips' variadic C API, callable from Swift.
//
// Swift sees only this header: images are opaque pointers and every libvips enum is passed
// as a plain int whose values are listed below (they are part of libvips' stable 8.x ABI).
// Each function returns 0 on success and -1 on failure; after a failure call
// `echt_vips_take_error()` to read and clear libvips' error buffer.
#ifndef ECHT_CVIPSSHIM_H
#define ECHT_CVIPSSHIM_H

#include <stddef.h>

/// A libvips image (a GObject); release with `echt_image_unref`.
typedef struct _VipsImage VipsImage;

/// VipsBandFormat values.
enum {
    ECHT_FORMAT_UCHAR = 0, ECHT_FORMAT_CHAR = 1, ECHT_FORMAT_USHORT = 2, ECHT_FORMAT_SHORT = 3,
    ECHT_FORMAT_UINT = 4, ECHT_FORMAT_INT = 5, ECHT_FORMAT_FLOAT = 6, ECHT_FORMAT_COMPLEX = 7,
    ECHT_FORMAT_DOUBLE = 8, ECHT_FORMAT_DPCOMPLEX = 9
};

/// VipsInterpretation values.
enum {
    ECHT_INTERPRETATION_MULTIBAND = 0, ECHT_INTERPRETATION_B_W = 1, ECHT_INTERPRETATION_XYZ = 12,
    ECHT_INTERPRETATION_LAB = 13, ECHT_INTERPRETATION_CMYK = 15, ECHT_INTERPRETATION_sRGB = 22,
    ECHT_INTERPRETATION_RGB16 = 25, ECHT_INTERPRETATION_GREY16 = 26, ECHT_INTERPRETATION_scRGB = 28
};

/// VipsFailOn values.
enum { ECHT_FAIL_ON_NONE = 0, ECHT_FAIL_ON_TRUNCATED = 1, ECHT_FAIL_ON_ERROR = 2, ECHT_FAIL_ON_WARNING = 3 };

/// VipsKernel values.
enum { ECHT_KERNEL_NEAREST = 0, ECHT_KERNEL_LINEAR = 1, ECHT_KERNEL_CUBIC = 2, ECHT_KERNEL_MITCHELL = 3,
       ECHT_KERNEL_LANCZOS2 = 4, ECHT_KERNEL_LANCZOS3 = 5 };

/// VipsIntent values.
enum { ECHT_INTENT_PERCEPTUAL = 0, ECHT_INTENT_RELATIVE = 1, ECHT_INTENT_SATURATION = 2, ECHT_INTENT_ABSOLUTE = 3 };

// MARK: runtime and errors

/// Starts libvips once and disables its operation cache; returns 0 on success.
int echt_vips_init(void);
/// Returns a malloc'd copy of libvips' error buffer and clears it; free with `echt_free`.
char *echt_vips_take_error(void);
/// Frees memory handed out by this shim or by libvips (g_free).
void echt_free(void *pointer);
/// Drops one reference to an image.
void echt_image_unref(VipsImage *image);

// MARK: loading

/// The loader nickname for a file (e.g. "jpegload"), or NULL when no loader recognises it.
const char *echt_find_loader(const char *filename);
/// The loader nickname for bytes in memory, or NULL when no loader recognises them.
const char *echt_find_loader_buffer(const void *data, size_t length);
/// Opens a file lazily: only the header is read until pixels are requested.
int echt_load_file(const char *filename, int fail_on, VipsImage **out);
/// Opens a file lazily for one top-to-bottom read of its pixels (libvips' sequential access):
/// the decoder streams its rows to the reader instead of into a whole-image buffer first. A
/// second read of the pixels, or a read out of order (a rotation), fails.
int echt_load_file_sequential(const char *filename, int fail_on, VipsImage **out);
/// Opens bytes in memory lazily (libvips keeps a reference to nothing: the bytes are copied).
int echt_load_buffer(const void *data, size_t length, int fail_on, VipsImage **out);
/// Wraps a copy of raw interleaved samples.
int echt_image_from_memory(const void *data, size_t length, int width, int height, int bands,
                           int format, int interpretation, VipsImage **out);
/// Computes all pixels and returns them as a malloc'd buffer (free with `echt_free`).
void *echt_image_write_to_memory(VipsImage *image, size_t *length);

// MARK: header fields

int echt_image_width(VipsImage *image);
int echt_image_height(VipsImage *image);
int echt_image_bands(VipsImage *image);
int echt_image_format(VipsImage *image);
int echt_image_interpretation(VipsImage *image);
int echt_image_n_pages(VipsImage *image);
/// Whether a metadata field exists.
int echt_image_has_field(VipsImage *image, const char *name);
/// Reads an int field; returns -1 when absent.
int echt_image_get_int(VipsImage *image, const char *name, int *out);
/// Reads a string field (libvips owns the result; copy it at once).
int echt_image_get_string(VipsImage *image, const char *name, const char **out);
/// Reads a blob field (libvips owns the bytes; copy them at once).
int echt_image_get_blob(VipsImage *image, const char *name, const void **data, size_t *length);
/// All field names, NULL-terminated; free with `echt_strfreev`.
char **echt_image_field_names(VipsImage *image);
void echt_strfreev(char **names);
void echt_image_set_string(VipsImage *image, const char *name, const char *value);
void echt_image_set_int(VipsImage *image, const char *name, int value);
void echt_image_set_blob(VipsImage *image, const char *name, const void *data, size_t length);
/// Sets the resolution savers write (pixels per millimetre), on an image the caller owns alone.
void echt_image_set_resolution(VipsImage *image, double xres, double yres);
/// The horizontal resolution the file states, as libvips reads it (pixels per millimetre).
double echt_image_xres(VipsImage *image);
/// Removes a field; returns 1 when it was present.
int echt_image_remove(VipsImage *image, const char *name);
/// Loads a built-in profile ("srgb", "p3", "cmyk") as a malloc'd copy.
int echt_profile_load(const char *name, void **data, size_t *length);

// MARK: operations

/// A new image sharing pixels with `in` but with its own metadata (for setting fields).
int echt_copy(VipsImage *in, VipsImage **out);
/// A copy whose interpretation field is replaced (pixels unchanged).
int echt_copy_interpretation(VipsImage *in, int interpretation, VipsImage **out);
/// Rotates/flips according to the EXIF orientation field and removes that field.
int echt_autorot(VipsImage *in, VipsImage **out);
/// Imports through the embedded ICC profile (or `fallback_profile` when none is embedded)
/// into float CIE XYZ (D65-relative, Y = 100 for white).
int echt_icc_import(VipsImage *in, const char *fallback_profile, int intent, VipsImage **out);
/// Transforms through ICC profiles to `output_profile` with `depth` bits (8 or 16).
int echt_icc_transform(VipsImage *in, const char *output_profile, const char *input_profile,
                       int intent, int depth, VipsImage **out);
int echt_colourspace(VipsImage *in, int space, VipsImage **out);
int echt_cast(VipsImage *in, int format, VipsImage **out);
int echt_extract_band(VipsImage *in, int band, int n, VipsImage **out);
int echt_bandjoin2(VipsImage *left, VipsImage *right, VipsImage **out);
int echt_resize(VipsImage *in, double hscale, double vscale, int kernel, VipsImage **out);
int echt_gaussblur(VipsImage *in, double sigma, double min_ampl, VipsImage **out);
/// Renders UTF-8 text (Pango markup allowed) as a one-band 8-bit coverage mask, wrapped at
/// `width` pixels; `font` is a Pango description such as "sans 11".
int echt_text(const char *text, const char *font, int width, int dpi, VipsImage **out);

// MARK: saving (strip = 0 keeps the fields set on the image: ICC and EXIF)

int echt_jpegsave(VipsImage *in, const char *filename, int quality, int strip);
int echt_jpegsave_buffer(VipsImage *in, void **data, size_t *length, int quality, int strip);
int echt_pngsave(VipsImage *in, const char *filename, int bitdepth, int compression, int strip);
/// PNG into memory with zlib level `compression` (0-9) and every row predicted by the average
/// of its left and upper neighbours (PNG filter 3).
int echt_pngsave_buffer(VipsImage *in, void **data, size_t *length, int bitdepth, int compression, int strip);
int echt_webpsave(VipsImage *in, const char *filename, int quality, int lossless, int strip);
int echt_webpsave_buffer(VipsImage *in, void **data, size_t *length, int quality, int lossless, int strip);
int echt_heifsave(VipsImage *in, const char *filename, int quality, int strip);
int echt_heifsave_buffer(VipsImage *in, void **data, size_t *length, int quality, int strip);
int echt_tiffsave_buffer(VipsImage *in, void **data, size_t *length, int strip);
int echt_jxlsave_buffer(VipsImage *in, void **data, size_t *length, int quality, int lossless, int strip);

/// 8-bit sRGB samples (`width`×`height`, 3 per pixel, row by row) as a baseline JPEG of
/// `quality`, written by libjpeg with the settings of libvips' jpegsave for Echt's outputs (4:2:0
/// below quality 90, none from 90 up) after a JFIF header stating `pixels_per_inch`, carrying the
/// APP1 `exif` payload and the `icc` profile (APP2) when given. `*out` (free with `free`) gets the
/// file; on failure returns -1 with libjpeg's message in `message`.
int echt_jpeg_encode_rgb(const unsigned char *rgb, int width, int height, int quality, int pixels_per_inch,
                         const unsigned char *exif, size_t exif_length, const unsigned char *icc, size_t icc_length,
                         unsigned char **out, unsigned long *out_length, char *message, size_t message_size);

#endif
