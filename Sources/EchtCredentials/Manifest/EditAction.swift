import Foundation

/// A parameter value recorded with an action.
public enum ActionParameter: Sendable, Equatable {
    /// An integer.
    case int(Int)
    /// A real number.
    case double(Double)
    /// Text.
    case text(String)
    /// A flag.
    case bool(Bool)

    var cbor: CBOR {
        switch self {
        case let .int(v): .int(v)
        case let .double(v): .float(v)
        case let .text(v): .text(v)
        case let .bool(v): .bool(v)
        }
    }
}

/// One thing the studio did to the photo, recorded in `c2pa.actions.v2` (C2PA 2.2 §18.14).
/// `c2pa.opened` is added by the signer itself as the first action; pass only the edits.
public struct EditAction: Sendable, Equatable {
    /// The C2PA action name, e.g. `c2pa.cropped`.
    public var action: String
    /// A plain description.
    public var description: String?
    /// A per-action digital source type, if the action introduced new content.
    public var digitalSourceType: DigitalSourceType?
    /// Namespaced parameters (`com.echt.*`).
    public var parameters: [String: ActionParameter]

    /// Creates an action; parameter keys should be namespaced (`com.echt.…`).
    public init(action: String, description: String? = nil, digitalSourceType: DigitalSourceType? = nil,
                parameters: [String: ActionParameter] = [:]) {
        self.action = action
        self.description = description
        self.digitalSourceType = digitalSourceType
        self.parameters = parameters
    }

    /// A rigid crop of the original (pixel rectangle in input coordinates).
    public static func cropped(x: Int, y: Int, width: Int, height: Int) -> EditAction {
        EditAction(action: "c2pa.cropped", description: "Rigid crop to the headshot frame",
                   parameters: ["com.echt.x": .int(x), "com.echt.y": .int(y), "com.echt.width": .int(width), "com.echt.height": .int(height)])
    }

    /// A rotation that levels the eyes, in degrees (counter-clockwise positive).
    public static func rotated(degrees: Double) -> EditAction {
        EditAction(action: "c2pa.orientation", description: "Rotated to level the eyes",
                   parameters: ["com.echt.degrees": .double(degrees)])
    }

    /// Uniform scaling to the delivery size.
    public static func resized(width: Int, height: Int) -> EditAction {
        EditAction(action: "c2pa.resized", description: "Scaled uniformly for delivery",
                   parameters: ["com.echt.width": .int(width), "com.echt.height": .int(height)])
    }

    /// Exposure, white balance, light or grade (`c2pa.adjustedColor`, not the deprecated `c2pa.color_adjustments`).
    public static func adjustedColor(_ description: String, parameters: [String: ActionParameter] = [:]) -> EditAction {
        EditAction(action: "c2pa.adjustedColor", description: description, parameters: parameters)
    }

    /// A non-generative filter such as texture-preserving skin work, denoise or sharpening.
    public static func filtered(_ description: String, parameters: [String: ActionParameter] = [:]) -> EditAction {
        EditAction(action: "c2pa.filtered", description: description, parameters: parameters)
    }

    /// The background replaced by a procedurally generated (non-AI) backdrop, or the photo's own
    /// background reworked (e.g. defocused); the person's pixels are untouched. `description`
    /// says which. Digital source type `composite` (see `DigitalSourceType`), never a value
    /// platforms read as AI.
    public static func backgroundReplaced(backdrop: String, description: String? = nil,
                                          parameters: [String: ActionParameter] = [:]) -> EditAction {
        var params = parameters
        params["com.echt.backdrop"] = .text(backdrop)
        return EditAction(action: "c2pa.edited",
                          description: description ?? "Background replaced with a procedurally generated backdrop (no generative AI); the person is unchanged",
                          digitalSourceType: .composite, parameters: params)
    }

    /// The CBOR action map.
    func cbor(agent: ClaimGenerator, when: String) -> CBOR {
        var pairs: [(String, CBOR)] = [("action", .text(action)), ("when", .tagged(0, .text(when))), ("softwareAgent", agent.cbor)]
        if let description { pairs.append(("description", .text(description))) }
        if let digitalSourceType { pairs.append(("digitalSourceType", .text(digitalSourceType.uri))) }
        if !parameters.isEmpty {
            pairs.append(("parameters", .map(parameters.keys.sorted().map { CBORPair(.text($0), parameters[$0]!.cbor) })))
        }
        return .map(pairs.map { CBORPair(.text($0.0), $0.1) })
    }
}
