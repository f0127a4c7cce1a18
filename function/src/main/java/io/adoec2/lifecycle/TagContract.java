package io.adoec2.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The EC2 tags that place an instance in an environment, compatible with the system this
 * replaces: {@value #PROJECT}, {@value #ENVIRONMENT}, {@value #RESOURCE_TAGS} (comma-separated)
 * and the optional {@value #ORGANIZATION} (a name or URL; the configured default otherwise).
 */
public final class TagContract {
    public static final String ORGANIZATION = "AzDevOps-Organization";
    public static final String PROJECT = "AzDevOps-Project";
    public static final String ENVIRONMENT = "AzDevOps-Environment";
    public static final String RESOURCE_TAGS = "AzDevOps-Environment-ResourceTags";

    /** Azure DevOps caps names well below this; anything longer is not a name but an accident. */
    private static final int MAX_NAME_LENGTH = 256;

    private TagContract() {}

    /**
     * The placement the tags name, or empty when the instance carries neither the project nor
     * the environment tag (it is not ours to manage).
     *
     * @throws InvalidTagsException when the tags are present but unusable; the message names the tag
     */
    public static Optional<Placement> placementOf(Map<String, String> tags, OrganizationUrl defaultOrganization) {
        String project = tags.get(PROJECT);
        String environment = tags.get(ENVIRONMENT);
        if (project == null && environment == null) {
            return Optional.empty();
        }
        OrganizationUrl organization = defaultOrganization;
        String organizationTag = tags.get(ORGANIZATION);
        if (organizationTag != null && !organizationTag.isBlank()) {
            try {
                organization = OrganizationUrl.parse(organizationTag);
            } catch (IllegalArgumentException e) {
                throw new InvalidTagsException(ORGANIZATION, e.getMessage());
            }
        }
        return Optional.of(new Placement(organization, name(PROJECT, project), name(ENVIRONMENT, environment),
                resourceTags(tags.getOrDefault(RESOURCE_TAGS, ""))));
    }

    /** Splits on commas, trims, drops blanks, de-duplicates case-insensitively: as the agent does. */
    public static List<String> resourceTags(String value) {
        Map<String, String> unique = new LinkedHashMap<>();
        for (String part : value.split(",")) {
            String tag = part.strip();
            if (tag.isEmpty()) {
                continue;
            }
            if (tag.length() > MAX_NAME_LENGTH || tag.codePoints().anyMatch(Character::isISOControl)) {
                throw new InvalidTagsException(RESOURCE_TAGS, "resource tag '" + Printable.of(tag)
                        + "' is longer than " + MAX_NAME_LENGTH + " characters or holds control characters");
            }
            unique.putIfAbsent(tag.toLowerCase(Locale.ROOT), tag);
        }
        return new ArrayList<>(unique.values());
    }

    private static String name(String tag, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidTagsException(tag, "tag " + tag + " is missing or empty");
        }
        String name = value.strip();
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidTagsException(tag, "tag " + tag + " is " + name.length()
                    + " characters long; the limit is " + MAX_NAME_LENGTH);
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidTagsException(tag, "tag " + tag + " value '" + Printable.of(name)
                    + "' holds control characters");
        }
        return name;
    }
}
