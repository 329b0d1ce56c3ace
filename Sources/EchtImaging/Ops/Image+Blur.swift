extension Image {
    /// A Gaussian blur with standard deviation `sigma` pixels (libvips `gaussblur`, float
    /// precision), in linear light with premultiplied alpha; edges extend the border pixels.
    public func gaussianBlurred(sigma: Double) throws(ImagingError) -> Image {
        guard sigma >= 0, sigma.isFinite else {
            throw .invalidParameter(name: "sigma", expected: "a finite number >= 0", received: String(sigma))
        }
        if sigma < 0.01 { return self }
        let source = try vipsImage(premultiply: true, source: "gaussblur")
        return try Image(vips: try source.blurred(sigma: sigma, minAmplitude: 0.005), premultiplied: true)
    }
}
