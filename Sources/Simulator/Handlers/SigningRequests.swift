import Crypto
import _CryptoExtras
import Foundation
import SwiftASN1
import X509

/// The controller's side of a certificate made from a signing request (the flow VMware Cloud
/// Foundation uses; REFERENCE.md §3.4, §8.2): `POST /api/sslkeyandcertificate` with a subject and
/// `key_params` but no PEM and no `self_signed: true` makes the controller generate the key and a
/// CSR. The object is `SSL_CERTIFICATE_PENDING`, holds `certificate.certificate_signing_request`
/// and the subject, has no dates, and its key never leaves the controller (`<sensitive>`). A later
/// PUT/PATCH carrying `certificate.certificate` attaches the CA-signed certificate, which must hold
/// the public key of that private key; the object is then `SSL_CERTIFICATE_FINISHED`.
/// Documented: the fields and both states. Assumed: the exact error text for a mismatched certificate.
enum SigningRequests {
    /// The body asks for a CSR: no PEM, and not self-signed.
    static func isRequest(_ body: JSON) -> Bool {
        let pem = body.value(at: ["certificate", "certificate"])?.stringValue ?? ""
        return pem.isEmpty && body.value(at: ["certificate", "self_signed"])?.boolValue != true
            && body.value(at: ["certificate", "subject"]) != nil
    }

    static func create(body: JSON, inputs: CertificateJSON.Inputs, model: ControllerModel) -> Result<JSON, SimResponseError> {
        let subjectJSON = body.value(at: ["certificate", "subject"])
        guard let commonName = subjectJSON?["common_name"]?.stringValue, !commonName.isEmpty else {
            return .failure(SimResponseError(.error(400, "certificate.subject.common_name is required for a certificate signing request")))
        }
        var subject = DNFields(commonName: commonName)
        subject.organization = subjectJSON?["organization"]?.stringValue ?? ""
        subject.organizationUnit = subjectJSON?["organization_unit"]?.stringValue ?? ""
        subject.locality = subjectJSON?["locality"]?.stringValue ?? ""
        subject.state = subjectJSON?["state"]?.stringValue ?? ""
        subject.country = subjectJSON?["country"]?.stringValue ?? ""
        subject.emailAddress = subjectJSON?["email_address"]?.stringValue ?? ""
        let sans = (body.value(at: ["certificate", "subject_alt_names"])?.arrayValue ?? []).compactMap(\.stringValue)
        let algorithm = body.value(at: ["key_params", "algorithm"])?.stringValue ?? "SSL_KEY_ALGORITHM_RSA"
        let curve = body.value(at: ["key_params", "ec_params", "curve"])?.stringValue ?? "SSL_KEY_EC_CURVE_SECP256R1"
        let key: Certificate.PrivateKey
        let keyParams: JSON
        let signature: Certificate.SignatureAlgorithm
        do {
            if algorithm == "SSL_KEY_ALGORITHM_EC" {
                if curve.contains("384") {
                    key = Certificate.PrivateKey(P384.Signing.PrivateKey())
                    signature = .ecdsaWithSHA384
                } else {
                    key = Certificate.PrivateKey(P256.Signing.PrivateKey())
                    signature = .ecdsaWithSHA256
                }
                keyParams = .obj(["algorithm": .string(algorithm), "ec_params": .obj(["curve": .string(curve.contains("384") ? "SSL_KEY_EC_CURVE_SECP384R1" : "SSL_KEY_EC_CURVE_SECP256R1")])])
            } else {
                key = Certificate.PrivateKey(try _RSA.Signing.PrivateKey(keySize: .bits2048))
                signature = .sha256WithRSAEncryption
                keyParams = .obj(["algorithm": .string("SSL_KEY_ALGORITHM_RSA"),
                                  "rsa_params": .obj(["key_size": .string("SSL_KEY_2048_BITS"), "exponent": .num(65537)])])
            }
            let name = try CertificateFactory.distinguishedName(subject)
            let extensions = try Certificate.Extensions {
                if !sans.isEmpty { SubjectAlternativeNames(sans.map { GeneralName.dnsName($0) }) }
            }
            let csr = try CertificateSigningRequest(version: .v1, subject: name, privateKey: key,
                                                    attributes: try CertificateSigningRequest.Attributes([.init(ExtensionRequest(extensions: extensions))]),
                                                    signatureAlgorithm: signature)
            let pem = try csr.serializeAsPEM().pemString + "\n"
            model.signingKeys[inputs.uuid] = key
            var inputs = inputs
            inputs.hasKey = true
            var object = CertificateJSON.object(inputs, certificate: .obj([
                "certificate_signing_request": .string(pem),
                "subject": subject.json,
                "subject_alt_names": .array(sans.map { .string($0) }),
                "self_signed": .bool(false),
                "days_until_expire": .num(365),
            ]), keyParams: keyParams)
            object["status"] = .string("SSL_CERTIFICATE_PENDING")
            return .success(object)
        } catch {
            return .failure(SimResponseError(.error(500, "Key or signing request generation failed: \(error)")))
        }
    }

    /// A certificate attached to a pending object must hold the public key of the key the controller made.
    static func checkCompletion(_ parsed: ParsedCertificate, uuid: String, model: ControllerModel) -> SimResponseError? {
        guard let key = model.signingKeys[uuid] else { return nil }
        if parsed.publicKey != key.publicKey {
            return SimResponseError(.error(400, "The certificate does not match the private key of this certificate signing request"))
        }
        return nil
    }
}
