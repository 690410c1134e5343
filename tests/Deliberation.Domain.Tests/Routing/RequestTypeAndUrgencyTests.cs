using Deliberation.Domain.Routing;
using Deliberation.Domain.Tests.Workflow;
using Deliberation.Domain.Workflow;

namespace Deliberation.Domain.Tests.Routing;

public sealed class RequestTypeAndUrgencyTests
{
    [Theory]
    [InlineData("我要举报张泾路上有工厂晚上偷排污水到河里", RequestType.Report)]
    [InlineData("有人在荷塘农场私自倾倒建筑垃圾，涉嫌违法", RequestType.Report)]
    [InlineData("投诉馨桥苑楼下饭店油烟扰民，多次反映没人管", RequestType.Complaint)]
    [InlineData("景澜小区门口的路灯坏了一个多星期了，还没人来修，请尽快处理，谢谢", RequestType.Complaint)]
    [InlineData("家里老人独居行动不便，想请社区帮忙联系上门助餐服务，怎么办", RequestType.HelpRequest)]
    [InlineData("请问居住证在哪里办理，需要什么材料？", RequestType.Consultation)]
    [InlineData("新桥老街的垃圾分类点什么时候开放？", RequestType.Consultation)]
    [InlineData("建议在春晖公园增设几张休息座椅，方便老人", RequestType.Suggestion)]
    [InlineData("希望能在桂花苑门口增加一个公交站点", RequestType.Suggestion)]
    [InlineData("表扬东宅巷邻坊的工作人员，半天就把排水沟疏通了", RequestType.Praise)]
    [InlineData("感谢城管中队及时解决了占道经营的问题，非常满意", RequestType.Praise)]
    [InlineData("請問老年卡如何辦理？", RequestType.Consultation)]
    [InlineData("舉報有人在河邊亂倒垃圾", RequestType.Report)]
    [InlineData("建議在荷塘路加裝路燈", RequestType.Suggestion)]
    public void RealisticText_Detect_GivesTheRequestTypeAnOperatorWould(string text, RequestType expected)
    {
        Assert.Equal(expected, RequestTypeDetector.Detect(text));
    }

    [Theory]
    [InlineData("东宅12号楼道里有很重的煤气味，怀疑燃气泄漏")]
    [InlineData("张泾路上一栋老房子着火了，冒烟很大")]
    [InlineData("桥南新村有人被困在电梯里出不来")]
    [InlineData("大风把电线掉落在人行道上，有人触电了")]
    [InlineData("暴雨后地下车库进水倒灌，淹水很深")]
    [InlineData("西宅一户人家的墙塌了")]
    [InlineData("There is a gas leak at the market")]
    public void DangerNow_Detect_IsEmergency(string text)
    {
        Assert.Equal(Urgency.Emergency, UrgencyDetector.Detect(text, TestTown.Directory.EmergencyKeywords));
    }

    [Theory]
    [InlineData("小区楼道堆放杂物，存在火灾隐患，建议清理")]
    [InlineData("建议社区多开展防火宣传和消防演练")]
    [InlineData("去年这里起火过一次，担心会不会再发生")]
    [InlineData("东宅路口的垃圾桶满了好几天没人清运")]
    [InlineData("We need more firewood for the elderly centre")]
    [InlineData("最近被困扰于楼上装修噪音")]
    [InlineData("东宅路口的下水道堵了，污水漫到路上")] // the commonest drain complaint: not a flood into homes
    [InlineData("东宅那边路口的下水道又堵了，污水漫出来")]
    public void HazardOrPastOrOrdinary_Detect_IsNotAnEmergency(string text)
    {
        Assert.Equal(Urgency.Normal, UrgencyDetector.Detect(text, TestTown.Directory.EmergencyKeywords));
    }

    [Fact]
    public void Submission_WithoutAType_GetsTheDetectedType()
    {
        var state = Cases.Received("我要举报有人在张泾路偷排污水");

        Assert.Equal(RequestType.Report, state.RequestType);
    }
}
