package io.adoec2.azuredevops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The checker that guards the simulator must itself catch what it is there to catch. */
class SchemaCheckerTest {

    private static final SwaggerSpec SPEC = SwaggerSpec.load("environments-7.2.json");
    private static final JsonNode VM = SPEC.definition("VirtualMachineResource");
    private static final JsonNode LIST = SPEC.responseSchema("Vmresource_List", "GET").orElseThrow();

    private static JsonNode json(String text) throws IOException {
        return Http.JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void fieldsInheritedThroughAllOfAreDeclared() throws IOException {
        JsonNode resource = json("{'id':1,'name':'vm','type':'virtualMachine','tags':['a'],"
                + "'environmentReference':{'id':2,'name':'e'},'agent':{'id':3,'status':'online','enabled':true,"
                + "'createdOn':'2026-11-25T12:00:00.123Z'}}");

        assertThat(SchemaChecker.checkResponse(SPEC, VM, resource)).isEmpty();
    }

    @Test
    void anUndeclaredFieldAWrongTypeABadEnumAndANullAreAllReported() throws IOException {
        JsonNode resource = json("{'id':'1','name':'vm','type':'vm','agent':{'id':3,'status':'busy',"
                + "'hostname':'x','createdOn':'yesterday'},'tags':null}");

        assertThat(SchemaChecker.checkResponse(SPEC, VM, resource)).containsExactlyInAnyOrder(
                "$.id: expected integer, was STRING",
                "$.type: 'vm' is not one of [\"undefined\",\"generic\",\"virtualMachine\",\"kubernetes\"]",
                "$.agent.status: 'busy' is not one of [\"offline\",\"online\"]",
                "$.agent.hostname: not declared in the schema",
                "$.agent.createdOn: 'yesterday' is not an ISO-8601 date-time",
                "$.tags: null (Azure DevOps omits empty fields)");
    }

    @Test
    void listResponsesMustBeWrappedAsCountAndValue() throws IOException {
        assertThat(SchemaChecker.checkResponse(SPEC, LIST, json("[{'id':1}]")))
                .containsExactly("$: a list response must be {count, value}, was ARRAY");
        assertThat(SchemaChecker.checkResponse(SPEC, LIST, json("{'count':2,'value':[{'id':1}],'next':'x'}")))
                .containsExactlyInAnyOrder("$.next: a list response has only count and value",
                        "$.count: 2 but value has 1 items");
        assertThat(SchemaChecker.checkResponse(SPEC, LIST, json("{'count':1,'value':[{'id':1}]}"))).isEmpty();
    }
}
