import Foundation

extension PortraitAnalysis {
    /// A JSON-ready summary: image size, each face's box, score, keypoints, iris centres,
    /// issues and full report, plus unconfirmed detections; landmarks only when asked.
    public struct Summary: Codable, Sendable, Equatable {
        /// One face.
        public struct FaceSummary: Codable, Sendable, Equatable {
            /// Box as [minX, minY, maxX, maxY] in pixels.
            public var box: [Float]
            /// Detector confidence 0...1.
            public var score: Float
            /// Mesh presence 0...1.
            public var presence: Float
            /// The six detector keypoints as [x, y].
            public var keypoints: [[Float]]
            /// Iris centres [x, y], image-left eye then image-right eye.
            public var irisCentres: [[Float]]
            /// Issue names (see `FaceIssue`).
            public var issues: [String]
            /// The measures.
            public var report: FaceReport
            /// The 468 landmarks as [x, y, z], when requested.
            public var landmarks: [[Float]]?
        }

        /// Image width in pixels.
        public var width: Int
        /// Image height in pixels.
        public var height: Int
        /// True when no face was confirmed.
        public var noFaceFound: Bool
        /// Faces, largest first.
        public var faces: [FaceSummary]
        /// Boxes of unconfirmed detections.
        public var unconfirmedDetections: [[Float]]
    }

    /// The summary of this analysis.
    public func summary(includeLandmarks: Bool = false) -> Summary {
        func box(_ b: PixelRect) -> [Float] { [b.minX, b.minY, b.maxX, b.maxY].map(Self.round2) }
        let faces = self.faces.map { f -> Summary.FaceSummary in
            let mesh = f.face.landmarks
            let irises = [mesh?.rightIris, mesh?.leftIris].compactMap { $0 }.map { [Self.round2($0.center.x), Self.round2($0.center.y)] }
            return Summary.FaceSummary(
                box: box(f.face.detection.box), score: f.face.detection.score, presence: mesh?.presence ?? 0,
                keypoints: f.face.detection.keypoints.map { [Self.round2($0.x), Self.round2($0.y)] }, irisCentres: irises,
                issues: f.issues.map(\.rawValue), report: f.report,
                landmarks: includeLandmarks ? mesh?.points.map { [Self.round2($0.x), Self.round2($0.y), Self.round2($0.z)] } : nil)
        }
        return Summary(width: imageWidth, height: imageHeight, noFaceFound: noFaceFound, faces: faces,
                       unconfirmedDetections: unconfirmedDetections.map { box($0.box) })
    }

    /// A few human-readable lines per face.
    public var textReport: String {
        if faces.isEmpty {
            return "no face found" + (unconfirmedDetections.isEmpty ? "" : " (\(unconfirmedDetections.count) unconfirmed detection(s))")
        }
        return faces.enumerated().map { i, f in
            let r = f.report, b = f.face.detection.box
            var lines = [String(format: "face %d: box %.0f,%.0f %.0fx%.0f px, score %.2f, %.0f px between the eyes, %.1f%% of the frame height",
                                i + 1, b.minX, b.minY, b.width, b.height, f.face.detection.score, r.size.interocularPixels, 100 * r.size.relativeHeight)]
            lines.append(String(format: "  pose yaw %.1f° pitch %.1f° roll %.1f°; eyes open %.2f / %.2f; mouth open %.2f; smile %.2f",
                                r.headPose.yaw, r.headPose.pitch, r.headPose.roll, r.imageLeftEyeOpenness, r.imageRightEyeOpenness, r.mouthOpenness, r.smile))
            if let g = r.gaze { lines.append(String(format: "  gaze %.0f° from the camera (toward camera %.2f)", g.angleFromCamera, g.towardCamera)) }
            // A grey face (a black-and-white photo) has no hue worth printing, nor a "-0.0".
            let hue = r.skinColour.chroma < 1 ? "grey" : String(format: "hue %.0f°", r.skinColour.hue)
            let unsigned = { (value: Float) in abs(value) < 0.05 ? 0 : value }
            lines.append(String(format: "  eye sharpness %.2f; skin L* %.0f, clipped %.1f%%; skin a* %.1f b* %.1f (%@); noise %.1f levels",
                                r.eyeSharpness, r.exposure.meanLightness, 100 * r.exposure.clippedHighlights, unsigned(r.skinColour.a),
                                unsigned(r.skinColour.b), hue, r.noise))
            if !f.issues.isEmpty { lines.append("  issues: " + f.issues.map(\.inWords).joined(separator: ", ")) }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    static func round2(_ v: Float) -> Float { (v * 100).rounded() / 100 }
}
