import CPrefetch
import EchtImaging
#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// Renders a photo through a `SimilarityTransform`: the crop-rotate-scale step of framing.
/// Shrinking is anti-aliased (area averaging by the integer part of the scale, then a small
/// Gaussian for the rest); sampling is bilinear; nothing is ever warped non-rigidly.
enum Warp {
    /// The output image (`width`×`height`) whose pixel centres map to the source through `transform`.
    /// Outside the photo the nearest edge pixel is repeated; use `insideMask` to know where.
    static func render(_ image: Image, transform: SimilarityTransform, width: Int, height: Int) -> Image {
        let reach = sourceWindow(transform: transform, width: width, height: height)
        let x0 = max(reach.x0, 0), y0 = max(reach.y0, 0), x1 = min(reach.x1, image.width), y1 = min(reach.y1, image.height)
        guard x1 > x0, y1 > y0 else {
            // The frame misses the photo entirely: repeat the nearest edge.
            let edge = image.region(x0: min(max(x0, 0), image.width - 1), y0: min(max(y0, 0), image.height - 1), width: 1, height: 1)
            return Image(width: width, height: height, filledWith: Array(edge.pixels))
        }
        var local = transform
        local.translationX -= Double(x0); local.translationY -= Double(y0)
        let factor = Int(transform.scale.rounded(.down))
        var source: Image
        if factor >= 2 {
            source = downsampleBox(image, factor: factor, x0: x0, y0: y0, width: x1 - x0, height: y1 - y0)
            local.scale /= Double(factor); local.translationX /= Double(factor); local.translationY /= Double(factor)
        } else {
            let sigma = Float(0.5 * (max(local.scale * local.scale, 1) - 1).squareRoot())
            // No blur to apply (`Blur.gaussian` leaves such a sigma alone): sample the window in place.
            guard local.scale > 1.05, sigma > 0.3, !Blur.boxRadii(sigma: sigma).allSatisfy({ $0 == 0 }) else {
                return sampleBilinear(image, transform: local, width: width, height: height, window: (x0, y0, x1 - x0, y1 - y0))
            }
            source = image.region(x0: x0, y0: y0, width: x1 - x0, height: y1 - y0)
        }
        if local.scale > 1.05 {
            // `source` is a fresh copy of the window: blurred in place, not copied again.
            let sigma = Float(0.5 * (local.scale * local.scale - 1).squareRoot())
            Blur.gaussianInPlace(&source.pixels, width: source.width, height: source.height, channels: source.channels, sigma: sigma)
        }
        return sampleBilinear(source, transform: local, width: width, height: height)
    }

    /// `render` of two images of the same size through one transform (a matte's alpha and
    /// foreground). When neither needs a pre-blur or shrink, both are sampled in one pass that
    /// finds each output pixel's source position once; the results equal two `render`s.
    static func render(_ first: Image, _ second: Image, transform: SimilarityTransform, width: Int, height: Int) -> (Image, Image) {
        guard first.width == second.width, first.height == second.height,
              let (local, window) = onePassWindow(transform: transform, width: width, height: height,
                                                  sourceWidth: first.width, sourceHeight: first.height) else {
            return (render(first, transform: transform, width: width, height: height),
                    render(second, transform: transform, width: width, height: height))
        }
        return sampleBilinear(first, second, transform: local, width: width, height: height, window: window)
    }

    /// The source window a rotated frame reads and the transform into it, when one bilinear pass
    /// can sample it straight (no pre-blur, no box shrink, a real rotation); nil otherwise, when
    /// `render` must take its general path. Shared by the fused two-image and matte warps.
    static func onePassWindow(transform: SimilarityTransform, width: Int, height: Int, sourceWidth: Int, sourceHeight: Int)
        -> (SimilarityTransform, (x0: Int, y0: Int, width: Int, height: Int))? {
        let reach = sourceWindow(transform: transform, width: width, height: height)
        let x0 = max(reach.x0, 0), y0 = max(reach.y0, 0), x1 = min(reach.x1, sourceWidth), y1 = min(reach.y1, sourceHeight)
        let sigma = Float(0.5 * (max(transform.scale * transform.scale, 1) - 1).squareRoot())
        let blurs = transform.scale > 1.05 && sigma > 0.3 && !Blur.boxRadii(sigma: sigma).allSatisfy { $0 == 0 }
        guard x1 > x0, y1 > y0, Int(transform.scale.rounded(.down)) < 2, !blurs, sin(transform.angle) != 0 else { return nil }
        var local = transform
        local.translationX -= Double(x0); local.translationY -= Double(y0)
        return (local, (x0, y0, x1 - x0, y1 - y0))
    }

    /// The rotated path of `sampleBilinear` for two same-sized images at once (see above).
    private static func sampleBilinear(_ first: Image, _ second: Image, transform: SimilarityTransform, width: Int, height: Int,
                                       window part: (x0: Int, y0: Int, width: Int, height: Int)) -> (Image, Image) {
        let c1 = first.channels, c2 = second.channels
        let grid = BilinearGrid(transform: transform, width: width, columns: part.width, rows: part.height)
        var out2: [Float] = []
        let out1 = [Float](unsafeUninitializedCapacity: width * height * c1) { buffer1, count1 in
            out2 = [Float](unsafeUninitializedCapacity: width * height * c2) { buffer2, count2 in
                let dst1 = UnsafeMutableBufferPointer(rebasing: buffer1[...]), dst2 = UnsafeMutableBufferPointer(rebasing: buffer2[...])
                first.pixels.withUnsafeBufferPointer { src1 in
                    second.pixels.withUnsafeBufferPointer { src2 in
                        for y in 0..<height {
                            let terms = grid.rowTerms(y)
                            for x in 0..<width {
                                let (column, row) = grid.taps(x, terms)
                                let p00 = (part.y0 + row.i) * first.width + part.x0 + column.i, p10 = p00 + (column.i1 - column.i)
                                let p01 = p00 + (row.i1 - row.i) * first.width, p11 = p01 + (column.i1 - column.i)
                                let tx = column.t, ty = row.t, o = y * width + x
                                blend(src1, into: dst1, at: o * c1, channels: c1, p00 * c1, p10 * c1, p01 * c1, p11 * c1, tx: tx, ty: ty)
                                blend(src2, into: dst2, at: o * c2, channels: c2, p00 * c2, p10 * c2, p01 * c2, p11 * c2, tx: tx, ty: ty)
                            }
                        }
                    }
                }
                count2 = width * height * c2
            }
            count1 = width * height * c1
        }
        return (Image(width: width, height: height, channels: c1, pixels: out1), Image(width: width, height: height, channels: c2, pixels: out2))
    }

    /// The source pixels `render` reads for a `width`×`height` output (`x1`, `y1` exclusive, not
    /// clipped to the source): the frame's bounding box with a margin for the filters.
    static func sourceWindow(transform: SimilarityTransform, width: Int, height: Int) -> (x0: Int, y0: Int, x1: Int, y1: Int) {
        let corners = [SIMD2<Double>(0, 0), SIMD2(Double(width), 0), SIMD2(0, Double(height)), SIMD2(Double(width), Double(height))]
            .map(transform.sourcePoint)
        let margin = 4 * max(transform.scale, 1) + 4
        return (Int((corners.map(\.x).min()! - margin).rounded(.down)), Int((corners.map(\.y).min()! - margin).rounded(.down)),
                Int((corners.map(\.x).max()! + margin).rounded(.up)), Int((corners.map(\.y).max()! + margin).rounded(.up)))
    }

    /// 1 where an output pixel's centre falls inside the source photo, 0 outside.
    static func insideMask(sourceWidth: Int, sourceHeight: Int, transform: SimilarityTransform, width: Int, height: Int) -> Image {
        var out = [Float](repeating: 0, count: width * height)
        let ca = cos(transform.angle) * transform.scale, sa = sin(transform.angle) * transform.scale
        let sw = Double(sourceWidth), sh = Double(sourceHeight)
        out.withUnsafeMutableBufferPointer { dst in
            for y in 0..<height {
                let oy = Double(y) + 0.5
                for x in 0..<width {
                    let ox = Double(x) + 0.5
                    let px = ca * ox - sa * oy + transform.translationX, py = sa * ox + ca * oy + transform.translationY
                    dst[y * width + x] = min(px, py, sw - px, sh - py) >= 0 ? 1 : 0
                }
            }
        }
        return Image(width: width, height: height, channels: 1, pixels: out)
    }

    /// Area average over `factor`×`factor` blocks (the last partial block averages what it has).
    static func downsampleBox(_ image: Image, factor: Int) -> Image {
        downsampleBox(image, factor: factor, x0: 0, y0: 0, width: image.width, height: image.height)
    }

    /// Area average over `factor`×`factor` blocks of the window `x0..<x0+width, y0..<y0+height`,
    /// which lies inside `image`. Each block is summed row by row, left to right, starting from
    /// zero (the order of a block-at-a-time loop), so the result does not depend on the layout of
    /// the loops. Three and four channels keep each block's sums in one vector over all its rows
    /// (`boxBlocks`); one channel sums four neighbouring blocks side by side along a row.
    static func downsampleBox(_ image: Image, factor: Int, x0: Int, y0: Int, width rw: Int, height rh: Int) -> Image {
        let w = (rw + factor - 1) / factor, h = (rh + factor - 1) / factor, c = image.channels
        // Every sample is written (each output row's sums start from zero there): not zero-filled first.
        let out = [Float](unsafeUninitializedCapacity: w * h * c) { dst, count in
            downsampleBox(image, factor: factor, x0: x0, y0: y0, width: rw, height: rh, into: dst.baseAddress!)
            count = w * h * c
        }
        return Image(width: w, height: h, channels: c, pixels: out)
    }

    /// `downsampleBox(_:factor:x0:y0:width:height:)` into `target`, which holds its
    /// ⌈width / factor⌉ × ⌈height / factor⌉ pixels (any values: every one is written).
    static func downsampleBox(_ image: Image, factor: Int, x0: Int, y0: Int, width rw: Int, height rh: Int,
                              into target: UnsafeMutablePointer<Float>) {
        precondition(x0 >= 0 && y0 >= 0 && x0 + rw <= image.width && y0 + rh <= image.height, "window outside the image")
        let w = (rw + factor - 1) / factor, h = (rh + factor - 1) / factor, c = image.channels
        if c == 3 && factor == 2 && rw >= 2 {
            image.pixels.withUnsafeBufferPointer { src in
                halveRGB(src.baseAddress! + (y0 * image.width + x0) * 3, stride: image.width * 3, width: rw, height: rh,
                         into: target)
            }
            return
        }
        if (c == 3 || c == 4) && rw >= 1 {
            image.pixels.withUnsafeBufferPointer { src in
                boxBlocks(src.baseAddress! + (y0 * image.width + x0) * c, stride: image.width * c, channels: c,
                          factor: factor, width: rw, height: rh, into: target)
            }
            return
        }
        image.pixels.withUnsafeBufferPointer { src in
            do {
                let dst = UnsafeMutableBufferPointer(start: target, count: w * h * c)
                for oy in 0..<h {
                    let ys = oy * factor, ye = min(ys + factor, rh)
                    let sums = dst.baseAddress! + oy * w * c
                    // The row's block sums start from zero here, while the row is in the cache.
                    sums.initialize(repeating: 0, count: w * c)
                    for y in ys..<ye {
                        let row = src.baseAddress! + ((y0 + y) * image.width + x0) * c
                        if c == 1 {
                            addBlocks(row, width: rw, factor: factor, into: sums)
                        } else {
                            for ox in 0..<w {
                                let xs = ox * factor, xe = min(xs + factor, rw), sum = sums + ox * c
                                for x in xs..<xe { for k in 0..<c { sum[k] += row[x * c + k] } }
                            }
                        }
                    }
                    for ox in 0..<w {
                        let xs = ox * factor, xe = min(xs + factor, rw)
                        let n = Float((ye - ys) * (xe - xs))
                        for k in 0..<c { sums[ox * c + k] /= n }
                    }
                }
            }
        }
    }

    /// The three-channel `downsampleBox` by 2 of the `width`×`height` window at `window` (rows
    /// `stride` samples apart, at least 2 columns) into `out`: each block's four pixels summed
    /// from zero in one vector, row by row, left to right, and divided once. Every block but the
    /// last of a row in one vector (its fourth lane reads the next pixel's red and is never
    /// stored); the last, whose fourth lane could read past the image, one channel at a time.
    private static func halveRGB(_ window: UnsafePointer<Float>, stride: Int, width rw: Int, height rh: Int,
                                 into out: UnsafeMutablePointer<Float>) {
        let w = (rw + 1) / 2, h = (rh + 1) / 2
        @inline(__always) func load(_ p: UnsafePointer<Float>) -> SIMD4<Float> { UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Float>.self) }
        for oy in 0..<h {
            let top = window + 2 * oy * stride, target = out + oy * w * 3
            let pair = 2 * oy + 1 < rh
            if pair {
                let bottom = top + stride, n = SIMD4<Float>(repeating: 4)
                for ox in 0..<(w - 1) {
                    let p = ox * 6
                    var s = SIMD4<Float>.zero + load(top + p)
                    s += load(top + p + 3); s += load(bottom + p); s += load(bottom + p + 3)
                    s /= n
                    target[ox * 3] = s[0]; target[ox * 3 + 1] = s[1]; target[ox * 3 + 2] = s[2]
                }
            } else {
                let n = SIMD4<Float>(repeating: 2)
                for ox in 0..<(w - 1) {
                    let p = ox * 6
                    var s = SIMD4<Float>.zero + load(top + p)
                    s += load(top + p + 3)
                    s /= n
                    target[ox * 3] = s[0]; target[ox * 3 + 1] = s[1]; target[ox * 3 + 2] = s[2]
                }
            }
            let xs = (w - 1) * 2
            var s0: Float = 0, s1: Float = 0, s2: Float = 0
            for y in (2 * oy)..<min(2 * oy + 2, rh) {
                let row = window + y * stride
                for x in xs..<rw { s0 += row[x * 3]; s1 += row[x * 3 + 1]; s2 += row[x * 3 + 2] }
            }
            let n = Float((min(2 * oy + 2, rh) - 2 * oy) * (rw - xs))
            target[(w - 1) * 3] = s0 / n; target[(w - 1) * 3 + 1] = s1 / n; target[(w - 1) * 3 + 2] = s2 / n
        }
    }

    /// Adds one row of `width` one-channel samples to the running block sums `sums` (one per
    /// `factor` samples, the last block partial): four blocks at a time, each block's chain of
    /// additions in its own register, in the order of a block-at-a-time loop.
    @inline(__always)
    private static func addBlocks(_ row: UnsafePointer<Float>, width: Int, factor: Int, into sums: UnsafeMutablePointer<Float>) {
        let full = width / factor
        var ox = 0
        while ox + 4 <= full {
            let base = row + ox * factor
            var s0 = sums[ox], s1 = sums[ox + 1], s2 = sums[ox + 2], s3 = sums[ox + 3]
            for x in 0..<factor {
                s0 += base[x]; s1 += base[factor + x]; s2 += base[2 * factor + x]; s3 += base[3 * factor + x]
            }
            sums[ox] = s0; sums[ox + 1] = s1; sums[ox + 2] = s2; sums[ox + 3] = s3
            ox += 4
        }
        while ox * factor < width {
            let xs = ox * factor, xe = min(xs + factor, width)
            var s = sums[ox]
            for x in xs..<xe { s += row[x] }
            sums[ox] = s
            ox += 1
        }
    }

    /// Bilinear sampling at the source position of every output pixel centre (edges clamped).
    /// The products of the transform with the column and row centres are formed once per column
    /// and row; every sum is evaluated in the same order as per pixel, so results are identical.
    /// With `window` (x0, y0, width, height inside `image`) the source is that part of the image,
    /// read in place: the same result as sampling a copy of it.
    static func sampleBilinear(_ image: Image, transform: SimilarityTransform, width: Int, height: Int,
                               window: (x0: Int, y0: Int, width: Int, height: Int)? = nil) -> Image {
        let c = image.channels, part = window ?? (0, 0, image.width, image.height)
        precondition(part.x0 >= 0 && part.y0 >= 0 && part.width > 0 && part.height > 0
                     && part.x0 + part.width <= image.width && part.y0 + part.height <= image.height, "window outside the image")
        let stride = image.width * c, offset = part.y0 * stride + part.x0 * c
        let grid = BilinearGrid(transform: transform, width: width, columns: part.width, rows: part.height)
        // Every output sample is written below.
        let out = [Float](unsafeUninitializedCapacity: width * height * c) { buffer, count in
            let dst = UnsafeMutableBufferPointer(rebasing: buffer[...])
            image.pixels.withUnsafeBufferPointer { src in
                if !grid.rotates {
                    // No rotation: the source column depends only on x and the row only on y.
                    let columns = grid.unrotatedColumns()
                    for y in 0..<height {
                        let row = grid.unrotatedRow(y)
                        let ty = row.t, top = offset + row.i * stride, bottom = offset + row.i1 * stride
                        for x in 0..<width {
                            let column = columns[x]
                            blend(src, into: dst, at: (y * width + x) * c, channels: c,
                                  top + column.i * c, top + column.i1 * c, bottom + column.i * c, bottom + column.i1 * c,
                                  tx: column.t, ty: ty)
                        }
                    }
                } else {
                    // The reads walk diagonally through the source rows: the rows a later output
                    // row reads are fetched ahead, the window's last sample at most.
                    let ahead = prefetchRows(transform) * stride
                    let lastSample = offset + (part.height - 1) * stride + (part.width - 1) * c
                    for y in 0..<height {
                        let terms = grid.rowTerms(y)
                        for x in 0..<width {
                            let (column, row) = grid.taps(x, terms)
                            let top = offset + row.i * stride, bottom = offset + row.i1 * stride
                            echt_prefetch(src.baseAddress! + min(top + column.i * c + ahead, lastSample))
                            blend(src, into: dst, at: (y * width + x) * c, channels: c,
                                  top + column.i * c, top + column.i1 * c, bottom + column.i * c, bottom + column.i1 * c,
                                  tx: column.t, ty: row.t)
                        }
                    }
                }
            }
            count = width * height * c
        }
        return Image(width: width, height: height, channels: c, pixels: out)
    }

    /// How many source rows below its taps a rotated warp fetches ahead: about where the output
    /// row two or three rows further down reads (measured best at 3–4 rows for a 1.3× shrink turned
    /// 8°; no prefetch, 0, without rotation).
    static func prefetchRows(_ transform: SimilarityTransform) -> Int {
        let rowStep = abs(cos(transform.angle) * transform.scale)
        guard sin(transform.angle) != 0, rowStep.isFinite else { return 0 }
        return min(max(Int((2.5 * rowStep).rounded()), 2), 8)
    }

    /// Writes the bilinear blend of the four source pixels starting at `p00`, `p10`, `p01`, `p11`
    /// (weights from the fractions `tx`, `ty`) to the `c` channels at `dst[d]`.
    @inline(__always)
    private static func blend(_ src: UnsafeBufferPointer<Float>, into dst: UnsafeMutableBufferPointer<Float>, at d: Int, channels c: Int,
                              _ p00: Int, _ p10: Int, _ p01: Int, _ p11: Int, tx: Float, ty: Float) {
        let w00 = (1 - tx) * (1 - ty), w10 = tx * (1 - ty), w01 = (1 - tx) * ty, w11 = tx * ty
        switch c {
        case 1:
            dst[d] = w00 * src[p00] + w10 * src[p10] + w01 * src[p01] + w11 * src[p11]
        case 3:
            dst[d] = w00 * src[p00] + w10 * src[p10] + w01 * src[p01] + w11 * src[p11]
            dst[d + 1] = w00 * src[p00 + 1] + w10 * src[p10 + 1] + w01 * src[p01 + 1] + w11 * src[p11 + 1]
            dst[d + 2] = w00 * src[p00 + 2] + w10 * src[p10 + 2] + w01 * src[p01 + 2] + w11 * src[p11 + 2]
        default:
            for k in 0..<c {
                dst[d + k] = w00 * src[p00 + k] + w10 * src[p10 + k] + w01 * src[p01 + k] + w11 * src[p11 + k]
            }
        }
    }
}
