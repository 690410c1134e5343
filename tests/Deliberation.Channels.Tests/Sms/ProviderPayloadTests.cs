using System.Text;
using Deliberation.Channels.Sms;

namespace Deliberation.Channels.Tests.Sms;

public sealed class ProviderPayloadTests
{
    // The SMSReceived example from the Azure Communication Services event schema documentation.
    private const string SmsReceived = """
        [{
          "id": "Incoming_20200918002745d29ebbea-3341-4466-9690-0a03af35228e",
          "topic": "/subscriptions/{subscription-id}/resourcegroups/{group-name}/providers/microsoft.communication/communicationservices/{communication-services-resource-name}",
          "subject": "/phonenumber/15555555555",
          "data": {
            "MessageId": "Incoming_20200918002745d29ebbea-3341-4466-9690-0a03af35228e",
            "From": "15555555555",
            "To": "15555555555",
            "Message": "Great to connect with Azure Communication Services events",
            "ReceivedTimestamp": "2020-09-18T00:27:45.32Z"
          },
          "eventType": "Microsoft.Communication.SMSReceived",
          "dataVersion": "1.0",
          "metadataVersion": "1",
          "eventTime": "2020-09-18T00:27:47Z"
        }]
        """;

    [Fact]
    public void EventGrid_SmsReceived_ReadsMessage()
    {
        var events = EventGrid.Parse(Encoding.UTF8.GetBytes(SmsReceived))!;

        var sms = Assert.IsType<EventGridEvent.SmsReceived>(Assert.Single(events));
        Assert.Equal("Incoming_20200918002745d29ebbea-3341-4466-9690-0a03af35228e", sms.MessageId);
        Assert.Equal("15555555555", sms.From);
        Assert.Equal("Great to connect with Azure Communication Services events", sms.Message);
        Assert.Equal(new DateTimeOffset(2020, 9, 18, 0, 27, 45, 320, TimeSpan.Zero), sms.ReceivedAt);
    }

    [Fact]
    public void EventGrid_ValidationEvent_ReadsCodeAndAnswers()
    {
        var body = """[{"id":"2d1781af-3a4c-4d7c-bd0c-e34b19da4e66","topic":"/subscriptions/x","subject":"","data":{"validationCode":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6","validationUrl":"https://rp-eastus2.eventgrid.azure.net:553/eventsubscriptions/myeventsub/validate?id=0000"},"eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","eventTime":"2018-01-25T22:12:19.4556811Z","metadataVersion":"1","dataVersion":"1"}]""";

        var validation = Assert.IsType<EventGridEvent.SubscriptionValidation>(Assert.Single(EventGrid.Parse(Encoding.UTF8.GetBytes(body))!));

        Assert.Equal("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", validation.ValidationCode);
        Assert.Equal("""{"validationResponse":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6"}""", EventGrid.ValidationAnswer(validation.ValidationCode));
    }

    [Fact]
    public void EventGrid_OtherEventOrMissingFields_IsUnusable()
    {
        var body = """[{"id":"a","eventType":"Microsoft.Communication.SMSDeliveryReportReceived","data":{}},{"id":"b","eventType":"Microsoft.Communication.SMSReceived","data":{"From":"1555"}}]""";

        var events = EventGrid.Parse(Encoding.UTF8.GetBytes(body))!;

        Assert.Equal([new EventGridEvent.Unusable("a", "Microsoft.Communication.SMSDeliveryReportReceived"), new EventGridEvent.Unusable("b", "Microsoft.Communication.SMSReceived")], events);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("42")]
    [InlineData("[1,2]")]
    public void EventGrid_NotADelivery_IsNull(string body)
    {
        Assert.Null(EventGrid.Parse(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void AliyunSmsUp_DocumentedShape_ReadsItems()
    {
        var body = """[{"phone_number":"13811112222","send_time":"2017-01-01 00:00:00","content":"路灯不亮","sign_name":"【阿里云】","dest_code":"123","sequence_id":1234567890},{"phone_number":"13811112222","content":"x"}]""";

        var items = AliyunSmsUp.Parse(Encoding.UTF8.GetBytes(body))!;

        Assert.Equal(new AliyunUpstream("1234567890", "13811112222", "路灯不亮", "123", "【阿里云】", "2017-01-01 00:00:00"), items[0]);
        Assert.Null(items[1]);
        Assert.Null(AliyunSmsUp.Parse("{}"u8));
        Assert.Equal("""{"code":0,"msg":"接收成功"}""", AliyunSmsUp.Accepted);
    }
}
