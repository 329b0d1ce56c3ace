/// What can go wrong in the studio, each with the fix in plain words.
public enum StudioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `--look` named neither a built-in look nor a readable file.
    case unknownLook(String, known: [String])
    /// A look file could not be read or decoded.
    case unreadableLook(String, reason: String)
    /// Two looks of one run have the same name, so their files would overwrite each other.
    case duplicateLookName(String)
    /// A sizes file (`--sizes`) could not be read, decoded or used.
    case unreadableSizes(String, reason: String)
    /// A JPEG quality outside 1...100.
    case invalidQuality(Int)
    /// Sizes given to a session that cannot be made (`OutputPreset.problem(with:)`).
    case invalidSizes(String)
    /// Two outputs of one run would have the same file name (a look's name ending in a size's).
    case outputNameClash(file: String, first: String, second: String)
    /// The photo has no face the studio can frame.
    case noFace(String)
    /// `--face N` is out of range.
    case faceOutOfRange(index: Int, count: Int, file: String)
    /// The face has no mesh, so it cannot be framed or lit.
    case missingLandmarks(String)
    /// The matte is not the size of the photo.
    case matteSizeMismatch(expected: String, received: String)
    /// No person matte was made for the face being framed.
    case missingMatte(String)
    /// The person matte does not cover the face, so the backdrop cannot be replaced honestly.
    case matteMissesFace(String, coverage: Double)
    /// The face's matte was made only where other framing styles' frames read the photo.
    case matteMissesFrame(String, style: String)
    /// The face's eyes are at or beyond the photo's edge, so no headshot can be framed.
    case faceCutByEdge(String)
    /// A folder named as input holds no photo.
    case noPhotosInFolder(String)
    /// The photo lies in the folder its outputs go to, where they could replace it.
    case photoInOutputFolder(String, folder: String)
    /// An output file exists and `--force` was not given.
    case outputExists(String)
    /// The output folder holds the outputs of another photo of the same name.
    case folderOfAnotherPhoto(String, photo: String)
    /// A file could not be written.
    case writeFailed(String, reason: String)
    /// A strict honesty check failed.
    case honestyCheckFailed(String)
    /// Decoding, encoding or writing an image failed in EchtImaging.
    case imaging(String)
    /// The vision models could not be loaded or run.
    case vision(String)
    /// Signing an output failed.
    case signing(String, reason: String)

    /// A one- or two-sentence explanation naming the file or parameter and the fix.
    public var description: String {
        switch self {
        case let .unknownLook(name, known):
            "There is no look named \"\(name)\". Use one of \(known.joined(separator: ", ")) or the path of a look .json file."
        case let .unreadableLook(path, reason):
            "Could not read the look file \(path): \(reason). Copy a built-in look (echt studio --print-look professional) and edit it."
        case let .duplicateLookName(name):
            "Two of the looks are named \"\(name)\", so their files would overwrite each other. Give each look file its own \"name\"."
        case let .unreadableSizes(path, reason):
            "Could not read the sizes file \(path): \(reason). Copy the standard sizes (echt studio --print-sizes) and edit them."
        case let .invalidQuality(quality):
            "The JPEG quality must be from 1 to 100, not \(quality)."
        case let .invalidSizes(reason):
            "The sizes cannot be made: \(reason)."
        case let .outputNameClash(file, first, second):
            "\(first) and \(second) would both be written to \(file). Rename the look (its \"name\") or the size."
        case let .noFace(file):
            "No face was found in \(file). Use a photo where one face looks roughly towards the camera."
        case let .faceOutOfRange(index, count, file):
            count == 1 ? "\(file) has one face, so there is no face \(index) to choose. Leave out --face."
                       : "\(file) has \(count) faces, so there is no face \(index) to choose. Use --face 1 to \(count) (1 is the largest) or --each."
        case let .missingLandmarks(file):
            "The face in \(file) was detected but its landmarks could not be measured. Try a larger, sharper photo of the face."
        case let .matteSizeMismatch(expected, received):
            "expected a person matte within \(expected) but received \(received); compute the matte on the same decoded photo."
        case let .missingMatte(file):
            "No person matte was made for this face of \(file); make it with StudioAnalysis.addingMattes before framing the face."
        case let .matteMissesFace(file, coverage):
            String(format: "The person matte covers only %.0f %% of the face in %@, so a new backdrop would show through the face. Try a photo where the person stands clear of others and the background, or in a group photo another face (--face N, --each).", coverage * 100, file)
        case let .matteMissesFrame(file, style):
            "The person matte of this face of \(file) was made for other frames than the \(style) one; make it with StudioAnalysis.addingMattes for every framing style you render."
        case let .faceCutByEdge(file):
            "The face in \(file) is cut by the photo's edge (its eyes are at the edge or outside the picture), so no headshot can be framed. Choose another face with --face N or a photo that shows the whole face."
        case let .noPhotosInFolder(path):
            "The folder \(path) holds no photos (JPEG, PNG, HEIC, AVIF, WebP, TIFF or JPEG XL files directly inside it). Name the photos or a folder that holds them."
        case let .photoInOutputFolder(path, folder):
            "\(path) lies in the folder its headshots go to (\(folder)), where they could replace it. Choose another --out folder."
        case let .outputExists(path):
            "\(path) already exists. Pass --force to overwrite it or choose another --out folder."
        case let .folderOfAnotherPhoto(folder, photo):
            "\(folder) holds the headshots of another photo, \(photo). Choose another --out folder, or pass --force to write over them."
        case let .writeFailed(path, reason):
            "Could not write \(path): \(reason.hasSuffix(".") ? String(reason.dropLast()) : reason)."
        case let .imaging(text):
            text
        case let .vision(text):
            text
        case let .signing(path, reason):
            "Could not sign \(path): \(reason.hasSuffix(".") ? String(reason.dropLast()) : reason). Run with --no-sign to write unsigned files."
        case let .honestyCheckFailed(what):
            "An honesty check failed: \(what). Without --strict the output is still written with the figures in the report."
        }
    }
}

extension StudioError {
    /// Errors about one face that `--each` reports and skips while the other faces go on.
    var skipsOneFace: Bool {
        switch self {
        case .matteMissesFace, .faceCutByEdge: true
        default: false
        }
    }

    /// Why `--each` skips the face, for a line naming it: the description without the advice
    /// to choose another face, which `--each` does anyway.
    var skipReason: String {
        switch self {
        case let .matteMissesFace(_, coverage):
            String(format: "the person matte covers only %.0f %% of this face, so a new backdrop would show through it.", coverage * 100)
        case .faceCutByEdge:
            "this face is cut by the photo's edge (its eyes are at the edge or outside the picture), so no headshot can be framed."
        default: description
        }
    }
}
