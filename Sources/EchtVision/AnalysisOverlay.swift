import Foundation
import EchtImaging

/// Draws what was found onto a copy of the photo so a person can check it: face boxes
/// (green, unconfirmed detections grey), detector keypoints (yellow), the 468 mesh points
/// (cyan) and the irises (magenta circles with their centres).
public enum AnalysisOverlay {
    /// The photo (RGB, alpha dropped) with the analysis drawn on it.
    public static func render(_ analysis: PortraitAnalysis, on photo: Image) -> Image {
        var canvas = Canvas(photo)
        let t = max(1, min(photo.width, photo.height) / 400)
        for d in analysis.unconfirmedDetections { canvas.rectangle(d.box, colour: [0.4, 0.4, 0.4], thickness: t) }
        for analysed in analysis.faces {
            let face = analysed.face
            canvas.rectangle(face.detection.box, colour: [0, 1, 0], thickness: t)
            if let mesh = face.landmarks {
                let dot = max(1, Int(face.detection.box.width / 150))
                for p in mesh.points { canvas.disc(SIMD2(p.x, p.y), radius: Float(dot) / 2, colour: [0, 0.8, 1]) }
                for iris in [mesh.leftIris, mesh.rightIris].compactMap({ $0 }) {
                    canvas.circle(iris.center, radius: iris.radius, colour: [1, 0, 1], thickness: t)
                    canvas.disc(iris.center, radius: Float(t), colour: [1, 0, 1])
                }
            }
            for k in face.detection.keypoints { canvas.disc(k, radius: Float(2 * t), colour: [1, 1, 0]) }
        }
        return canvas.image
    }

    /// A tiny RGB painter on an `Image`.
    struct Canvas {
        var image: Image

        init(_ photo: Image) {
            image = Image(width: photo.width, height: photo.height, channels: 3,
                          pixels: MatteRefiner.rgb(of: photo).values)
        }

        mutating func set(_ x: Int, _ y: Int, _ colour: [Float]) {
            guard x >= 0, y >= 0, x < image.width, y < image.height else { return }
            for k in 0..<3 { image[x, y, k] = colour[k] }
        }

        mutating func disc(_ c: SIMD2<Float>, radius r: Float, colour: [Float]) {
            let r = max(r, 0.5)
            for y in Int((c.y - r).rounded(.down))...Int((c.y + r).rounded(.up)) {
                for x in Int((c.x - r).rounded(.down))...Int((c.x + r).rounded(.up)) {
                    let d = SIMD2(Float(x) + 0.5, Float(y) + 0.5) - c
                    if (d * d).sum() <= r * r + 0.25 { set(x, y, colour) }
                }
            }
        }

        mutating func line(_ a: SIMD2<Float>, _ b: SIMD2<Float>, colour: [Float], thickness: Int) {
            let steps = max(1, Int(simdLength(b - a).rounded(.up)))
            for i in 0...steps { disc(a + (b - a) * Float(i) / Float(steps), radius: Float(thickness) / 2, colour: colour) }
        }

        mutating func rectangle(_ r: PixelRect, colour: [Float], thickness: Int) {
            let c = [SIMD2(r.minX, r.minY), SIMD2(r.maxX, r.minY), SIMD2(r.maxX, r.maxY), SIMD2(r.minX, r.maxY)]
            for i in 0..<4 { line(c[i], c[(i + 1) % 4], colour: colour, thickness: thickness) }
        }

        mutating func circle(_ c: SIMD2<Float>, radius: Float, colour: [Float], thickness: Int) {
            let n = max(12, Int(radius * 6))
            for i in 0..<n {
                let a0 = Float(i) / Float(n) * 2 * .pi, a1 = Float(i + 1) / Float(n) * 2 * .pi
                line(c + radius * SIMD2(cosf(a0), sinf(a0)), c + radius * SIMD2(cosf(a1), sinf(a1)), colour: colour, thickness: thickness)
            }
        }
    }
}
