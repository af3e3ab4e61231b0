import java.io.File;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;

/**
 * Reads records that tmrm wrote in the Avro single-object encoding with Apache Avro for Java
 * (an implementation independent of avsc) and writes them back, so the check can compare bytes.
 *
 *   java -cp CLASSPATH JavaInterop.java AVRO_DIR IN_DIR OUT_DIR
 *
 * For each IN_DIR/NAME.bin it loads every AVRO_DIR/NAME.vN.avsc as a known writer schema, decodes
 * with the highest version as reader, prints the record and the fingerprints Java computes, and
 * writes OUT_DIR/NAME.bin re-encoded with the reader schema.
 */
public class JavaInterop {
  public static void main(String[] args) throws Exception {
    File avroDir = new File(args[0]);
    File inDir = new File(args[1]);
    File outDir = new File(args[2]);
    for (File input : inDir.listFiles((dir, name) -> name.endsWith(".bin"))) {
      String recordType = input.getName().replace(".bin", "");
      SchemaStore.Cache store = new SchemaStore.Cache();
      Schema reader = null;
      List<String> fingerprints = new ArrayList<>();
      for (int version = 1; new File(avroDir, recordType + ".v" + version + ".avsc").exists(); version++) {
        Schema schema = new Schema.Parser().parse(new File(avroDir, recordType + ".v" + version + ".avsc"));
        store.addSchema(schema);
        fingerprints.add(String.format("v%d %016x", version, SchemaNormalization.parsingFingerprint64(schema)));
        reader = schema;
      }
      BinaryMessageDecoder<GenericRecord> decoder =
          new BinaryMessageDecoder<>(GenericData.get(), reader, store);
      GenericRecord record = decoder.decode(Files.readAllBytes(input.toPath()));
      ByteBuffer again = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), reader).encode(record);
      byte[] bytes = new byte[again.remaining()];
      again.get(bytes);
      Files.write(new File(outDir, recordType + ".bin").toPath(), bytes);
      System.out.println(recordType + " " + fingerprints + " " + record);
    }
  }
}
