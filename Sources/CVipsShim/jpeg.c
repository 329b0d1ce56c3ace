// The JPEG writer for 8-bit sRGB pixels: libjpeg straight from the caller's samples, with the
// settings libvips' jpegsave uses for Echt's outputs (see echt_jpeg_encode_rgb in CVipsShim.h).
#include "CVipsShim.h"
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>

struct echt_jpeg_error {
    struct jpeg_error_mgr manager;
    jmp_buf escape;
    char *message;
    size_t message_size;
};

static void echt_jpeg_fail(j_common_ptr info) {
    struct echt_jpeg_error *error = (struct echt_jpeg_error *)info->err;
    char text[JMSG_LENGTH_MAX];
    (*info->err->format_message)(info, text);
    if (error->message && error->message_size > 0) snprintf(error->message, error->message_size, "%s", text);
    longjmp(error->escape, 1);
}

int echt_jpeg_encode_rgb(const unsigned char *rgb, int width, int height, int quality, int pixels_per_inch,
                         const unsigned char *exif, size_t exif_length, const unsigned char *icc, size_t icc_length,
                         unsigned char **out, unsigned long *out_length, char *message, size_t message_size) {
    struct jpeg_compress_struct info;
    struct echt_jpeg_error error;
    unsigned char *buffer = NULL;
    unsigned long length = 0;
    memset(&info, 0, sizeof info);
    info.err = jpeg_std_error(&error.manager);
    error.manager.error_exit = echt_jpeg_fail;
    error.message = message;
    error.message_size = message_size;
    if (setjmp(error.escape)) {
        jpeg_destroy_compress(&info);
        free(buffer);
        return -1;
    }
    jpeg_create_compress(&info);
    jpeg_mem_dest(&info, &buffer, &length);
    info.image_width = (JDIMENSION)width;
    info.image_height = (JDIMENSION)height;
    info.input_components = 3;
    info.in_color_space = JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality, TRUE);
    // As libvips' default ("auto" chroma subsampling): 4:2:0 below quality 90, none from 90 up.
    if (quality >= 90) {
        info.comp_info[0].h_samp_factor = 1;
        info.comp_info[0].v_samp_factor = 1;
    }
    // A JFIF header stating the resolution (libvips writes EXIF only; signing drops EXIF).
    info.write_JFIF_header = TRUE;
    info.JFIF_major_version = 1;
    info.JFIF_minor_version = 1;
    info.density_unit = 1;  // dots per inch
    info.X_density = (UINT16)pixels_per_inch;
    info.Y_density = (UINT16)pixels_per_inch;
    jpeg_start_compress(&info, TRUE);
    if (exif && exif_length > 0) jpeg_write_marker(&info, JPEG_APP0 + 1, exif, (unsigned int)exif_length);
    if (icc && icc_length > 0) jpeg_write_icc_profile(&info, icc, (unsigned int)icc_length);
    while (info.next_scanline < info.image_height) {
        JSAMPROW row = (JSAMPROW)(rgb + (size_t)info.next_scanline * (size_t)width * 3);
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    *out = buffer;
    *out_length = length;
    return 0;
}
