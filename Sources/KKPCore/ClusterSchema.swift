/// The API `Cluster` of KKP v2.16 (`pkg/api/v1/types.go`) as a ``FieldSchema``, generated from the Swagger document
/// kkp-mock serves (`ClusterSchema+Generated.swift`, made by `scripts/swagger/schema.py`).
public enum ClusterSchema {
    /// The `Cluster` object, members in KKP's struct order.
    public static let cluster: FieldSchema = clusterDefinition

    /// Fields a client cannot change: a patch that touches them is answered with the stored value and a warning.
    public static let readOnlyPaths: [[String]] = [
        ["id"], ["creationTimestamp"], ["deletionTimestamp"], ["type"], ["status"], ["credential"],
        ["inheritedLabels"], ["spec", "enableUserSSHKeyAgent"],
    ]
}
