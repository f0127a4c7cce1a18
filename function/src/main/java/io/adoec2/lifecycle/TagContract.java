package io.adoec2.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The EC2 tags that place an instance in an environment, compatible with the system this
 * replaces: {@value #PROJECT}, {@value #ENVIRONMENT}, {@value #RESOURCE_TAGS} (comma-separated)
 * and the optional {@value #ORGANIZATION} (a name or URL; the configured default otherwise).
 * The rules are written once, in docs/tag-contract.md, and the userdata scripts follow them too:
 * docs/tag-contract-vectors.json checks all three, so an instance the function refuses is one
 * the userdata never registers (and no VM resource is left that nothing would delete).
 */
public final class TagContract {
    public static final String ORGANIZATION = "AzDevOps-Organization";
    public static final String PROJECT = "AzDevOps-Project";
    public static final String ENVIRONMENT = "AzDevOps-Environment";
    public static final String RESOURCE_TAGS = "AzDevOps-Environment-ResourceTags";

    /** AWS's limit on a tag value; counted in UTF-16 units, as Azure DevOps counts a name's length. */
    static final int MAX_LENGTH = 256;

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
        String organizationTag = tags.get(ORGANIZATION) == null ? "" : checked(ORGANIZATION, tags.get(ORGANIZATION));
        if (!organizationTag.isEmpty()) {
            try {
                organization = OrganizationUrl.parse(organizationTag);
            } catch (IllegalArgumentException e) {
                throw new InvalidTagsException(ORGANIZATION, e.getMessage());
            }
        }
        return Optional.of(new Placement(organization, name(PROJECT, project), name(ENVIRONMENT, environment),
                resourceTags(tags.getOrDefault(RESOURCE_TAGS, ""))));
    }

    /**
     * Splits on commas, trims spaces, drops blanks, and drops duplicates ignoring the case of
     * A-Z (the first spelling is kept), as the agent does with the same value.
     */
    public static List<String> resourceTags(String value) {
        Map<String, String> unique = new LinkedHashMap<>();
        for (String part : value.split(",")) {
            String tag = checked(RESOURCE_TAGS, part);
            if (!tag.isEmpty()) {
                unique.putIfAbsent(asciiLowerCase(tag), tag);
            }
        }
        return new ArrayList<>(unique.values());
    }

    private static String name(String tag, String value) {
        String name = value == null ? "" : checked(tag, value);
        if (name.isEmpty()) {
            throw new InvalidTagsException(tag, "tag " + tag + " is missing or empty");
        }
        return name;
    }

    /**
     * The value without the plain spaces around it, when it keeps the contract: no control
     * characters, no whitespace but the plain space (the agent would trim some of it and we not,
     * or the other way round), at most {@value #MAX_LENGTH} UTF-16 units.
     */
    private static String checked(String tag, String value) {
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) == ' ') {
            start++;
        }
        while (end > start && value.charAt(end - 1) == ' ') {
            end--;
        }
        String trimmed = value.substring(start, end);
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidTagsException(tag, "tag " + tag + " value '" + Printable.of(trimmed)
                    + "' holds control characters");
        }
        if (trimmed.codePoints().anyMatch(c -> c != ' ' && (Character.isWhitespace(c) || Character.isSpaceChar(c)))) {
            throw new InvalidTagsException(tag, "tag " + tag + " value '" + Printable.of(trimmed)
                    + "' holds a whitespace character other than a plain space");
        }
        if (trimmed.length() > MAX_LENGTH) {
            throw new InvalidTagsException(tag, "tag " + tag + " holds a value " + trimmed.length()
                    + " characters long; the limit is " + MAX_LENGTH);
        }
        return trimmed;
    }

    private static String asciiLowerCase(String value) {
        StringBuilder lower = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            lower.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return lower.toString();
    }
}
