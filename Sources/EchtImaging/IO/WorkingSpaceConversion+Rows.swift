import CVipsShim
import Foundation

extension WorkingSpaceConversion {
    /// `image(from:)` read band by band, top to bottom, each band converted into the result while
    /// libvips decodes the next, and then handed to `rows` on a thread of its own while the next
    /// is converted: no decoded copy of the whole photo is made, and `opened` may be open for
    /// sequential access. The result's pages are mapped (`MemoryPages`) on another thread while
    /// the decode begins (a progressive JPEG is read whole before its first row comes out). Nil when the photo needs
    /// `image(from:)`, which reads its pixels out of order: an EXIF orientation to undo, alpha,
    /// or samples neither 8- nor 16-bit integers nor converted through an ICC profile.
    static func streamedImage(from opened: VipsImageRef, rows: (@Sendable (DecodedRows) -> Void)?) throws(ImagingError) -> Image? {
        guard !(2...8).contains(opened.int("orientation") ?? 1) else { return nil }
        let bands = opened.bands
        let isCMYK = Int(opened.interpretation) == Int(ECHT_INTERPRETATION_CMYK) && bands >= 4
        let colourBands = isCMYK ? 4 : (bands <= 2 ? 1 : 3)
        guard bands == colourBands else { return nil }
        // The same choices as `image(from:)`.
        let needsProfile = opened.blob("icc-profile-data").map { !ICCProfile.describesSRGB($0) } ?? false
        let source: VipsImageRef, conversion: RowConversion
        if colourBands >= 3 && (needsProfile || isCMYK) {
            let xyz = try opened.iccImported(fallbackProfile: isCMYK ? "cmyk" : "srgb")
            source = try xyz.colourspace(Int32(ECHT_INTERPRETATION_scRGB))
            conversion = .profiled(PCSCorrection.matrix)
        } else if Int(opened.format) == Int(ECHT_FORMAT_UCHAR) {
            (source, conversion) = (opened, .bytes(SRGBTransfer.linearFromByte))
        } else if Int(opened.format) == Int(ECHT_FORMAT_USHORT) {
            (source, conversion) = (opened, .words(SRGBTransfer.linearFromUInt16))
        } else {
            return nil
        }
        let width = source.width, height = source.height, channels = source.bands
        let count = width * height * channels
        var failed = false
        let samples = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            let helpers = DispatchGroup()
            let output = SharedOutput(pointer: buffer.baseAddress!)
            DispatchQueue.global().async(group: helpers) {
                MemoryPages.populate(UnsafeMutableRawPointer(output.pointer), count: count * MemoryLayout<Float>.stride)
            }
            let target = RowTarget(output: output.pointer, width: width, height: height, channels: channels,
                                   conversion: conversion, rows: rows, helpers: helpers)
            let status = withExtendedLifetime(target) {
                echt_image_stream_rows(source.pointer, { context, pixels, stride, top, count in
                    guard let context, let pixels else { return -1 }
                    Unmanaged<RowTarget>.fromOpaque(context).takeUnretainedValue()
                        .convert(pixels, stride: stride, firstRow: Int(top), count: Int(count))
                    return 0
                }, Unmanaged.passUnretained(target).toOpaque())
            }
            // Nothing may read or map the samples once they are handed back.
            helpers.wait()
            failed = status != 0
            // Float samples need no deinitialising: on failure the array is dropped unread.
            initialized = count
        }
        if failed { throw .damaged(path: source.source, detail: VipsRuntime.takeError()) }
        return Image(width: width, height: height, channels: channels, pixels: samples)
    }
}

/// How a band's samples become working-space samples.
private enum RowConversion {
    /// 8-bit sRGB codes through a table.
    case bytes([Float])
    /// 16-bit sRGB codes through a table.
    case words([Float])
    /// Linear float samples from an ICC conversion, corrected by `PCSCorrection` (nil: not at all).
    case profiled([Float]?)
}

/// The result's samples while a streamed decode fills them: each band is written by one thread
/// and read by the `rows` observer only after it was written.
private struct SharedOutput: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
}

/// A converted band on its way to the `rows` observer.
private struct HandedBand: @unchecked Sendable {
    let rows: DecodedRows
}

/// Where a streamed decode writes: the result's samples, filled band by band on libvips' thread.
private final class RowTarget {
    let output: UnsafeMutablePointer<Float>
    let width: Int, height: Int, channels: Int
    let conversion: RowConversion
    let rows: (@Sendable (DecodedRows) -> Void)?
    /// The `rows` observer's own thread: bands in order, one at a time.
    let observer = DispatchQueue(label: "echt.decode.rows")
    let helpers: DispatchGroup

    init(output: UnsafeMutablePointer<Float>, width: Int, height: Int, channels: Int, conversion: RowConversion,
         rows: (@Sendable (DecodedRows) -> Void)?, helpers: DispatchGroup) {
        self.output = output; self.width = width; self.height = height; self.channels = channels
        self.conversion = conversion; self.rows = rows; self.helpers = helpers
    }

    /// Converts `count` rows from `firstRow`, the first at `pixels` and each `stride` bytes apart.
    func convert(_ pixels: UnsafeRawPointer, stride: Int, firstRow: Int, count: Int) {
        let rowLength = width * channels
        let band = UnsafeMutableBufferPointer(start: output + firstRow * rowLength, count: count * rowLength)
        switch conversion {
        case let .bytes(table):
            table.withUnsafeBufferPointer { table in
                for r in 0..<count {
                    let source = (pixels + r * stride).assumingMemoryBound(to: UInt8.self), target = band.baseAddress! + r * rowLength
                    for i in 0..<rowLength { target[i] = table[Int(source[i])] }
                }
            }
        case let .words(table):
            table.withUnsafeBufferPointer { table in
                for r in 0..<count {
                    let source = (pixels + r * stride).assumingMemoryBound(to: UInt16.self), target = band.baseAddress! + r * rowLength
                    for i in 0..<rowLength { target[i] = table[Int(source[i])] }
                }
            }
        case let .profiled(matrix):
            for r in 0..<count {
                (band.baseAddress! + r * rowLength).update(from: (pixels + r * stride).assumingMemoryBound(to: Float.self), count: rowLength)
            }
            if let matrix { PCSCorrection.apply(matrix, to: band) }
        }
        guard let rows else { return }
        let handed = HandedBand(rows: DecodedRows(width: width, height: height, channels: channels, firstRow: firstRow, count: count,
                                                  samples: UnsafeBufferPointer(band)))
        observer.async(group: helpers) { rows(handed.rows) }
    }
}
