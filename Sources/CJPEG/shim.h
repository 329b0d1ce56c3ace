// libjpeg (libjpeg-turbo, Debian package libjpeg62-turbo-dev): the JPEG writer for 8-bit sRGB
// outputs (CVipsShim's echt_jpeg_encode_rgb wraps it, since its errors need setjmp).
#include <stddef.h>
#include <stdio.h>
#include <jpeglib.h>
