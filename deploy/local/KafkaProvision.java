// Creates the topics of deploy/local/topics.txt that do not exist yet and applies the ACLs of
// deploy/local/kafka-acls.txt (generated from the event catalogue), in one JVM and one admin
// connection as the broker's admin principal. Run by up.sh with Java's source launcher on the
// Kafka classpath; not part of the Maven build:
//   java -cp '<tools>/kafka/*' deploy/local/KafkaProvision.java <admin.properties> \
//       deploy/local/topics.txt deploy/local/kafka-acls.txt
// Idempotent: an existing topic or ACL is not an error; a partition count that differs from the
// file is reported (Kafka cannot shrink a topic, so it is not changed).
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

public class KafkaProvision {
    public static void main(String[] args) throws Exception {
        Properties client = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]))) {
            client.load(in);
        }
        client.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        List<NewTopic> wanted = new ArrayList<>();
        for (String[] f : lines(args[1], 2)) {
            if (!f[1].matches("[1-9][0-9]*")) {
                throw new IllegalArgumentException(args[1] + ": bad partition count in " + String.join(" ", f));
            }
            wanted.add(new NewTopic(f[0], Integer.parseInt(f[1]), (short) 1).configs(Map.of("retention.ms", "-1")));
        }
        List<AclBinding> acls = new ArrayList<>();
        for (String[] f : lines(args[2], 5)) {
            acls.add(new AclBinding(
                    new ResourcePattern(ResourceType.valueOf(f[1]), f[3], PatternType.valueOf(f[2])),
                    new AccessControlEntry(f[0], "*", AclOperation.valueOf(f[4]), AclPermissionType.ALLOW)));
        }
        try (Admin admin = Admin.create(client)) {
            var existing = admin.listTopics().names().get();
            int created = 0;
            var results = admin.createTopics(wanted.stream().filter(t -> !existing.contains(t.name())).toList()).values();
            for (var e : results.entrySet()) {
                try {
                    e.getValue().get();
                    created++;
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) throw ex; // created meanwhile
                }
            }
            Map<String, TopicDescription> described =
                    admin.describeTopics(wanted.stream().map(NewTopic::name).toList()).allTopicNames().get();
            for (NewTopic t : wanted) {
                int actual = described.get(t.name()).partitions().size();
                if (actual != t.numPartitions()) {
                    System.err.println("warning: topic " + t.name() + " has " + actual + " partitions, topics.txt says " + t.numPartitions());
                }
            }
            admin.createAcls(acls).all().get();
            System.out.println(wanted.size() + " " + created + " " + acls.size());
        }
    }

    /** The non-comment lines of a file, split on blanks, each with exactly {@code fields} fields. */
    private static List<String[]> lines(String file, int fields) throws Exception {
        List<String[]> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(Path.of(file))) {
            lineNo++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            String[] f = l.split("\\s+");
            if (f.length != fields) {
                throw new IllegalArgumentException(file + " line " + lineNo + ": expected " + fields + " fields, got '" + l + "'");
            }
            out.add(f);
        }
        return out;
    }
}
