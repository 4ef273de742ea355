package org.relance.testkit;

import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.relance.contracts.access.KafkaAccess;

/** The grants of {@link KafkaAccess} as Kafka ACL bindings (allow, from any host). */
public final class KafkaAcls {

  private KafkaAcls() {}

  public static List<AclBinding> bindings(List<KafkaAccess.Grant> grants) {
    return grants.stream().map(KafkaAcls::binding).toList();
  }

  static AclBinding binding(KafkaAccess.Grant grant) {
    return new AclBinding(
        new ResourcePattern(
            ResourceType.valueOf(grant.resource().name()),
            grant.name(),
            PatternType.valueOf(grant.pattern().name())),
        new AccessControlEntry(
            "User:" + grant.principal(),
            "*",
            AclOperation.valueOf(grant.operation().name()),
            AclPermissionType.ALLOW));
  }
}
