import EchtImaging
import EchtStudio
import EchtVision
import Foundation

/// `echt-bench --vision FILE [--runs N]`: the vision stages on FILE beside the time libvips
/// takes to decode it, in the same process. Prints per-run figures, then a table of medians:
/// decode, detection (with and without the tile search), mesh + iris for every detection,
/// matte, the whole `analyse(matte: true)` call, its ratio to decode, the largest face's own
/// matte as the studio makes it (`subjectMatte` on its head-and-shoulders region), and peak memory.
func runVisionBenchmark(file: String, runs: Int) throws -> Never {
    let url = URL(fileURLWithPath: file)
    let analyzer = try PortraitAnalyzer()
    var noTiles = FaceDetector.Options()
    noTiles.searchTiles = false
    let singlePass = try FaceDetector(modelsDirectory: PortraitAnalyzer.defaultModelsDirectory, options: noTiles)
    var decode: [Double] = [], detection: [Double] = [], single: [Double] = [], mesh: [Double] = []
    var matte: [Double] = [], total: [Double] = [], subject: [Double] = []
    var summary = ""
    for index in 0..<runs {
        var image: Image?
        decode.append(try milliseconds { image = try ImageFile.decode(contentsOf: url).image })
        guard let photo = image else { exit(1) }
        var detections: [FaceDetection] = []
        detection.append(try milliseconds { detections = try analyzer.detector.detectFaces(in: photo) })
        single.append(try milliseconds { _ = try singlePass.detectFaces(in: photo) })
        mesh.append(try milliseconds {
            for d in detections {
                if let points = try analyzer.mesh.landmarks(in: photo, for: d) { _ = try analyzer.irises.refine(points, in: photo) }
            }
        })
        matte.append(try milliseconds { _ = try analyzer.matte(for: photo) })
        var faces = 0, found: [Face] = []
        total.append(try milliseconds {
            found = try analyzer.analyse(photo, matte: true).faces.map(\.face)
            faces = found.count
        })
        if let face = found.first, let mesh = face.landmarks {
            let region = Framing.matteRegion(face: mesh, styles: [FramingStyle(), FramingStyle(fit: .loose)],
                                             sourceWidth: photo.width, sourceHeight: photo.height)
            subject.append(try milliseconds { _ = try analyzer.subjectMatte(for: face, among: found, in: photo, region: region) })
        }
        summary = "\(photo.width)x\(photo.height), \(analyzer.detector.tileCount(width: photo.width, height: photo.height)) tiles, "
            + "\(detections.count) detections, \(faces) faces"
        print(String(format: "run %d: decode %.0f ms, detection %.0f ms (single pass %.0f ms), mesh+iris %.0f ms, matte %.0f ms, analyse total %.0f ms, subject matte %.0f ms",
                     index + 1, decode.last!, detection.last!, single.last!, mesh.last!, matte.last!, total.last!, subject.last ?? 0))
    }
    print("\n\((file as NSString).lastPathComponent): \(summary)")
    print("| libvips decode (ms) | detection (ms) | detection, no tiles (ms) | mesh + iris (ms) | matte (ms) | analyse total (ms) | total / decode | subject matte (ms) | peak RSS (MB) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(String(format: "| %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.1f× | %.0f | %.0f |", median(decode), median(detection), median(single),
                 median(mesh), median(matte), median(total), median(total) / median(decode), median(subject), Double(peakResidentBytes()) / 1e6))
    exit(0)
}
