import EchtImaging

/// A one-channel plane of a `frameWidth`×`frameHeight` frame that is zero outside a box: only
/// the box's samples are stored, with the box's place in the frame.
struct BoxedPlane: Sendable, Equatable {
    /// The box's samples (nil when the box is empty and the whole plane is zero).
    let samples: Image?
    /// The box's top-left corner in the frame.
    let x0: Int, y0: Int
    /// The frame's size.
    let frameWidth: Int, frameHeight: Int

    /// The plane that is `samples` at (`x0`, `y0`) and zero elsewhere in the frame.
    init(samples: Image?, x0: Int, y0: Int, frameWidth: Int, frameHeight: Int) {
        if let samples {
            precondition(samples.channels == 1, "a boxed plane has one channel")
            precondition(x0 >= 0 && y0 >= 0 && x0 + samples.width <= frameWidth && y0 + samples.height <= frameHeight,
                         "the box must lie inside the frame")
        }
        self.samples = samples; self.x0 = x0; self.y0 = y0; self.frameWidth = frameWidth; self.frameHeight = frameHeight
    }

    /// A whole-frame plane as a boxed one (its box is the frame).
    init(whole plane: Image) {
        self.init(samples: plane.channels == 1 ? plane : plane.channel(0), x0: 0, y0: 0, frameWidth: plane.width, frameHeight: plane.height)
    }

    /// The box's end (exclusive) in the frame.
    var x1: Int { x0 + (samples?.width ?? 0) }
    var y1: Int { y0 + (samples?.height ?? 0) }

    /// The sample at (`x`, `y`) of the frame: zero outside the box.
    subscript(x: Int, y: Int) -> Float {
        guard let samples, x >= x0, x < x1, y >= y0, y < y1 else { return 0 }
        return samples.pixels[(y - y0) * samples.width + x - x0]
    }

    /// The bounding box (x0..<x1, y0..<y1, in the frame) of the samples above `threshold`
    /// (a positive one: the zeros outside the box are never above it); nil when there are none.
    func boundingBox(above threshold: Float) -> (x0: Int, y0: Int, x1: Int, y1: Int)? {
        precondition(threshold >= 0, "zero is outside the box")
        guard let box = samples?.boundingBox(above: threshold) else { return nil }
        return (box.x0 + x0, box.y0 + y0, box.x1 + x0, box.y1 + y0)
    }

    /// The `width`×`height` part of the frame at (`x`, `y`), which lies inside the frame, as a plane.
    func region(x: Int, y: Int, width: Int, height: Int) -> Image {
        precondition(x >= 0 && y >= 0 && x + width <= frameWidth && y + height <= frameHeight, "the region must lie inside the frame")
        var out = Image.plane(width: width, height: height)
        guard let samples else { return out }
        let cx0 = max(x, x0), cx1 = min(x + width, x1), cy0 = max(y, y0), cy1 = min(y + height, y1)
        guard cx1 > cx0, cy1 > cy0 else { return out }
        samples.pixels.withUnsafeBufferPointer { source in
            out.pixels.withUnsafeMutableBufferPointer { target in
                for row in cy0..<cy1 {
                    (target.baseAddress! + (row - y) * width + cx0 - x)
                        .update(from: source.baseAddress! + (row - y0) * samples.width + cx0 - x0, count: cx1 - cx0)
                }
            }
        }
        return out
    }

    /// The whole frame as a plane (zeros outside the box).
    var whole: Image { region(x: 0, y: 0, width: frameWidth, height: frameHeight) }
}
